using Microsoft.Data.Sqlite;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>A write waiting for <see cref="SqliteWriter"/>: run it inside the batch, then report its outcome after the commit.</summary>
internal abstract class SqliteWrite
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Abandoned = 2;

    private int _state;

    /// <summary>Claims the write for the writer; false when its caller gave up while it was queued.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    /// <summary>Runs the write and keeps its result or error; false when it failed.</summary>
    public abstract bool Execute(SqliteConnection connection);

    /// <summary>Reports what <see cref="Execute"/> kept: called only once the batch is committed.</summary>
    public abstract void Complete();

    /// <summary>Reports a failure of the whole batch (its transaction did not commit).</summary>
    public abstract void Fail(Exception error);

    /// <summary>Marks the write abandoned if the writer has not claimed it yet.</summary>
    protected bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued;
}
