using Microsoft.Data.Sqlite;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>The SQLite file shared by the grain storage, row storage, reminder table and stream log: pooled read connections and the one writer.</summary>
internal sealed class SqliteDatabase
{
    private SqliteWriter? _writer;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        WriteConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        ReadConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
    }

    /// <summary>How long a connection waits for a lock held by another connection or process.</summary>
    public static TimeSpan BusyTimeout { get; } = TimeSpan.FromSeconds(10);

    public string Path { get; }

    public string WriteConnectionString { get; }

    public string ReadConnectionString { get; }

    public SqliteWriter Writer => _writer ?? throw new InvalidOperationException("The SQLite storage is not initialized: call InitializeAsync first.");

    public void Start(SqliteWriter writer) => _writer = writer;

    /// <summary>Queues a write on the writer; completes once it is committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) => Writer.ExecuteAsync(work, cancellationToken);

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ReadConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Finishes the queued writes, closes the pooled readers, then the writer, so the file is released.</summary>
    public async ValueTask CloseAsync()
    {
        if (_writer is { } writer)
        {
            await writer.DrainAsync().ConfigureAwait(false);
        }

        // Readers before the writer: the last connection to close checkpoints the WAL into the
        // file, and read-only connections cannot.
        using (var pool = new SqliteConnection(ReadConnectionString))
        {
            SqliteConnection.ClearPool(pool);
        }

        if (_writer is { } closing)
        {
            await closing.DisposeAsync().ConfigureAwait(false);
        }
    }
}
