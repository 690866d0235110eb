using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Storage;

/// <summary>
/// One storage backend for everything the runtime keeps: grain state, grains' row collections,
/// reminders and the stream log. Implementations: memory (tests), SQLite (embedded default),
/// PostgreSQL (production).
/// </summary>
public interface IRuntimeStorage : IAsyncDisposable
{
    /// <summary>The provider's name: <c>memory</c>, <c>sqlite</c> or <c>postgres</c>.</summary>
    string ProviderName { get; }

    /// <summary>Where the data lives, for the start-up line (never contains secrets).</summary>
    string Description { get; }

    IGrainStorage GrainStorage { get; }

    /// <summary>Many rows per grain, each stored on its own, written in atomic versioned batches.</summary>
    IGrainRowStorage Rows { get; }

    IReminderTable Reminders { get; }

    IStreamLog StreamLog { get; }

    /// <summary>Creates or migrates the schema; safe when several silos start at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Whether the storage answers a trivial query.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
