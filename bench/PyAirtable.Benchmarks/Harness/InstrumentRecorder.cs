using System.Diagnostics.Metrics;
using PyAirtable.Runtime.Telemetry;

namespace PyAirtable.Benchmarks.Harness;

/// <summary>Listens to one of the runtime's millisecond histograms and records what it measures while recording is on.</summary>
internal sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private volatile bool _recording;

    public InstrumentRecorder(string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeInstruments.Name && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, milliseconds, _, _) =>
        {
            if (_recording)
            {
                Histogram.RecordMilliseconds(milliseconds);
            }
        });
        _listener.Start();
    }

    public LatencyHistogram Histogram { get; } = new();

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    public void Dispose() => _listener.Dispose();
}
