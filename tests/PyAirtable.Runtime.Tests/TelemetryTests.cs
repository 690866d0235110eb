using System.Diagnostics;
using System.Diagnostics.Metrics;
using PyAirtable.Runtime.Telemetry;
using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task AGrainCallsActivityIsTheParentOfTheCallsItMakes()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeInstruments.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());

        var result = await silo.GrainFactory.GetGrain<IChainGrain>("parent").ParentActivityIdAsync("child");

        var parts = result.Split('|');
        Assert.NotEqual("none", parts[0]);
        Assert.Equal(parts[0], parts[1]);
    }

    [Fact]
    public async Task GrainCallsAreCountedAndTimed()
    {
        long calls = 0;
        var durations = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeInstruments.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "pyairtable.runtime.calls")
            {
                Interlocked.Add(ref calls, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            if (instrument.Name == "pyairtable.runtime.call.duration")
            {
                Interlocked.Increment(ref durations);
            }
        });
        listener.Start();
        await using var silo = await TestSilo.StartAsync(new LifecycleLog());
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("metered-" + Guid.NewGuid());

        for (var i = 0; i < 10; i++)
        {
            await grain.IncrementAsync();
        }

        Assert.True(Interlocked.Read(ref calls) >= 10);
        Assert.True(Volatile.Read(ref durations) >= 10);
    }
}
