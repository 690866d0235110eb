using System.Text.Json;
using PyAirtable.Runtime.Storage.Rows;

namespace PyAirtable.Runtime.Tests.TestGrains;

public interface INotesGrain : IGrainWithStringKey
{
    Task AddAsync(string key, string text);

    [ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();

    Task DeactivateAsync();
}

/// <summary>Keeps its notes as rows: reads them all at activation, then writes each change over the version it holds.</summary>
public sealed class NotesGrain(IGrainRowStorage rows) : Grain, INotesGrain
{
    private const string Collection = "notes";

    private readonly SortedDictionary<string, string> _notes = new(StringComparer.Ordinal);
    private long _version;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await rows.ReadAllAsync(Collection, GrainId, cancellationToken);
        _version = stored.Version;
        foreach (var row in stored.Rows)
        {
            _notes[row.Key] = JsonSerializer.Deserialize<string>(row.Data)!;
        }
    }

    public async Task AddAsync(string key, string text)
    {
        _version = await rows.WriteAsync(Collection, GrainId, new RowBatch(_version, [RowChange.Upsert(key, JsonSerializer.Serialize(text))]));
        _notes[key] = text;
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. _notes.Values]);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
