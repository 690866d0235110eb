using Microsoft.Data.Sqlite;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>A write that produces a <typeparamref name="T"/> for its caller.</summary>
internal sealed class SqliteWrite<T> : SqliteWrite
{
    private readonly Func<SqliteConnection, T> _work;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;
    private T? _result;
    private Exception? _error;

    public SqliteWrite(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        _cancellation = cancellationToken.Register(static (state, token) => ((SqliteWrite<T>)state!).OnCancelled(token), this);
    }

    public Task<T> Task => _completion.Task;

    public override bool Execute(SqliteConnection connection)
    {
        try
        {
            _result = _work(connection);
            _error = null;
            return true;
        }
        catch (Exception error)
        {
            _result = default;
            _error = error;
            return false;
        }
    }

    public override void Complete()
    {
        _cancellation.Dispose();
        if (_error is null)
        {
            _completion.TrySetResult(_result!);
        }
        else
        {
            _completion.TrySetException(_error);
        }
    }

    public override void Fail(Exception error)
    {
        _cancellation.Dispose();
        _completion.TrySetException(error);
    }

    // Cancelling only counts while the write is queued: once the writer has taken it, it commits
    // or fails with its batch, and the caller learns which.
    private void OnCancelled(CancellationToken token)
    {
        if (TryAbandon())
        {
            _completion.TrySetCanceled(token);
        }
    }
}
