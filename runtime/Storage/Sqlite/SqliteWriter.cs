using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>
/// The one connection that writes. Callers queue writes; a dedicated thread takes every write
/// queued at that moment, runs them in one transaction and commits once. With
/// <c>synchronous=FULL</c> each commit costs an fsync, and this group commit shares it among all
/// the writers that were waiting. Each write runs under its own savepoint, so a write that fails
/// (an ETag mismatch) fails only its caller, never its batch-mates.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly Channel<SqliteWrite> _queue = Channel.CreateUnbounded<SqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackToSavepoint;
    private readonly Task _loop;
    private long _commits;
    private long _writes;

    public SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _savepoint = Prepare("SAVEPOINT write");
        _release = Prepare("RELEASE write");
        _rollbackToSavepoint = Prepare("ROLLBACK TO write");
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Transactions committed so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes committed so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Queues a write; the task completes once the transaction holding it has committed.</summary>
    public Task<T> ExecuteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new SqliteWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteRuntimeStorage), "The SQLite storage is disposed.");
        }

        return write.Task;
    }

    /// <summary>Stops taking writes and finishes those already queued.</summary>
    public async Task DrainAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    /// <summary>Drains, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await DrainAsync().ConfigureAwait(false);
        foreach (var command in new[] { _begin, _commit, _rollback, _savepoint, _release, _rollbackToSavepoint })
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private bool InTransaction => raw.sqlite3_get_autocommit(_connection.Handle) == 0;

    private void Run()
    {
        var batch = new List<SqliteWrite>(MaxBatch);

        // Blocking is deliberate: this thread exists only to write, and SQLite's calls are synchronous.
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                if (write.TryStart())
                {
                    batch.Add(write);
                }
            }

            while (batch.Count > 0)
            {
                CommitBatch(batch);
            }
        }
    }

    /// <summary>
    /// Runs and commits <paramref name="batch"/>, completing and removing the writes it settled.
    /// Writes left in it run again in a new transaction.
    /// </summary>
    private void CommitBatch(List<SqliteWrite> batch)
    {
        if (batch.Count == 1)
        {
            CommitSingle(batch);
            return;
        }

        try
        {
            _begin.ExecuteNonQuery();
            for (var i = 0; i < batch.Count; i++)
            {
                _savepoint.ExecuteNonQuery();
                if (batch[i].Execute(_connection))
                {
                    _release.ExecuteNonQuery();
                }
                else if (InTransaction)
                {
                    _rollbackToSavepoint.ExecuteNonQuery();
                    _release.ExecuteNonQuery();
                }
                else
                {
                    // Some errors (disk full, I/O error) make SQLite roll back the whole
                    // transaction: the failed write reports its error, the others run again.
                    var failed = batch[i];
                    batch.RemoveAt(i);
                    failed.Complete();
                    return;
                }
            }

            _commit.ExecuteNonQuery();
        }
        catch (Exception error)
        {
            // BEGIN, a savepoint or COMMIT failed: nothing of this batch is stored.
            RollbackQuietly();
            foreach (var write in batch)
            {
                write.Fail(error);
            }

            batch.Clear();
            return;
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, batch.Count);
        foreach (var write in batch)
        {
            write.Complete();
        }

        batch.Clear();
    }

    /// <summary>
    /// A lone write runs in a plain transaction: no savepoint is needed when there are no
    /// batch-mates to protect, and the two statements it saves are a fifth of a lone write's cost.
    /// </summary>
    private void CommitSingle(List<SqliteWrite> batch)
    {
        var write = batch[0];
        batch.Clear();
        try
        {
            _begin.ExecuteNonQuery();
            if (write.Execute(_connection))
            {
                _commit.ExecuteNonQuery();
                Interlocked.Increment(ref _commits);
                Interlocked.Increment(ref _writes);
            }
            else
            {
                RollbackQuietly();
            }
        }
        catch (Exception error)
        {
            RollbackQuietly();
            write.Fail(error);
            return;
        }

        write.Complete();
    }

    private void RollbackQuietly()
    {
        if (!InTransaction)
        {
            return;
        }

        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // The transaction is gone either way; the next BEGIN starts clean.
        }
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
