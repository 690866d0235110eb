using Microsoft.Data.Sqlite;
using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>
/// Everything in one SQLite file: the embedded default. WAL mode with <c>synchronous=FULL</c>,
/// so a write that returned survives a crash of the process or the machine. Writes go through
/// one connection that commits them in groups; reads use pooled connections.
/// </summary>
public sealed class SqliteRuntimeStorage : IRuntimeStorage
{
    private readonly SqliteDatabase _database;
    private readonly SqliteGrainRowStorage _rows;
    private readonly SqliteStreamLog _streamLog;
    private readonly Lock _initializationLock = new();
    private Task? _initialization;

    /// <param name="path">The database file; it and its directory are created when missing.</param>
    public SqliteRuntimeStorage(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _database = new SqliteDatabase(path);
        GrainStorage = new SqliteGrainStorage(_database);
        _rows = new SqliteGrainRowStorage(_database);
        Reminders = new SqliteReminderTable(_database);
        _streamLog = new SqliteStreamLog(_database);
    }

    public string ProviderName => "sqlite";

    public string Description => _database.Path;

    public IGrainStorage GrainStorage { get; }

    public IGrainRowStorage Rows => _rows;

    public IReminderTable Reminders { get; }

    public IStreamLog StreamLog => _streamLog;

    /// <summary>The file, its readers and its writer: for tests.</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>Opens the file, creates or migrates the schema and starts the writer. Calling it again does nothing.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        lock (_initializationLock)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = Task.Run(() => Initialize(cancellationToken), cancellationToken);
            }

            return _initialization;
        }
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM schema_migrations";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>Finishes every queued write, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? initialization;
        lock (_initializationLock)
        {
            initialization = _initialization;
        }

        if (initialization is not null)
        {
            try
            {
                await initialization.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is StorageUnavailableException or OperationCanceledException)
            {
                // Initialization failed and left nothing open.
            }
        }

        await _database.CloseAsync().ConfigureAwait(false);
        _rows.Dispose();
        _streamLog.Dispose();
    }

    private void Initialize(CancellationToken cancellationToken)
    {
        CreateDirectory();
        var connection = new SqliteConnection(_database.WriteConnectionString);
        try
        {
            connection.Open();
            cancellationToken.ThrowIfCancellationRequested();
            Pragma(connection, $"busy_timeout = {(int)SqliteDatabase.BusyTimeout.TotalMilliseconds}");
            Pragma(connection, "journal_mode = WAL");
            Pragma(connection, "synchronous = FULL");
            SqliteMigrations.Apply(connection, _database.Path);
            _database.Start(new SqliteWriter(connection));
        }
        catch (SqliteException exception)
        {
            connection.Dispose();
            throw new StorageUnavailableException(
                $"Cannot use the SQLite database at {_database.Path} ({Describe(exception)}). " +
                "Check that PYAIRTABLE__Storage__DataDirectory and PYAIRTABLE__Storage__SqliteFile name a writable file that belongs to PyAirtable, and that the disk has space.",
                exception);
        }
        catch (Exception)
        {
            connection.Dispose();
            throw;
        }
    }

    private void CreateDirectory()
    {
        var directory = Path.GetDirectoryName(_database.Path);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException(
                $"Cannot create the directory {directory} for the SQLite database ({exception.Message.TrimEnd('.')}). " +
                "Set PYAIRTABLE__Storage__DataDirectory to a directory this user can write to.",
                exception);
        }
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        command.ExecuteNonQuery();
    }

    private static string Describe(SqliteException exception) => exception.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_NOTADB => "the file is not a SQLite database",
        SQLitePCL.raw.SQLITE_CORRUPT => "the file is corrupt",
        SQLitePCL.raw.SQLITE_CANTOPEN => "the file cannot be opened",
        SQLitePCL.raw.SQLITE_READONLY => "the file is read-only",
        SQLitePCL.raw.SQLITE_PERM => "permission denied",
        SQLitePCL.raw.SQLITE_FULL => "the disk is full",
        SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED => "another process holds a lock on it",
        SQLitePCL.raw.SQLITE_IOERR => "an I/O error",
        _ => $"SQLite error {exception.SqliteErrorCode}",
    };
}
