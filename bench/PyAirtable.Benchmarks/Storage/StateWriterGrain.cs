using PyAirtable.Runtime;

namespace PyAirtable.Benchmarks.Storage;

/// <summary>Writes a small record on every call and awaits the write before answering.</summary>
internal sealed class StateWriterGrain([PersistentState(StateWriterGrain.StateName)] IPersistentState<WriterState> state) : Grain, IStateWriterGrain
{
    public const string StateName = "bench";

    public async Task WriteAsync(int value)
    {
        state.State = WriterState.For(value);
        await state.WriteStateAsync();
    }
}
