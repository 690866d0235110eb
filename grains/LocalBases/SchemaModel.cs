using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>The whole base's schema as <see cref="TableModel"/>s; rebuilt whenever the schema changes.</summary>
public sealed class SchemaModel
{
    private readonly Dictionary<string, TableModel> _byId = new(StringComparer.Ordinal);

    public SchemaModel(LocalBaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        State = state;
        Tables = state.Tables.Select(t => new TableModel(t)).ToArray();
        foreach (var table in Tables)
        {
            _byId[table.Id] = table;
        }
    }

    private SchemaModel(LocalBaseState state, SchemaModel sameTables)
    {
        State = state;
        Tables = sameTables.Tables;
        _byId = sameTables._byId;
    }

    /// <summary>
    /// This schema with <paramref name="state"/>'s counters. Every record created moves the base's
    /// sequence, and rebuilding each <see cref="TableModel"/> for it (compiling every formula again)
    /// cost more than the rest of the write; the tables are immutable, so they are shared when unchanged.
    /// </summary>
    public SchemaModel WithState(LocalBaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return ReferenceEquals(state.Tables, State.Tables) ? new SchemaModel(state, this) : new SchemaModel(state);
    }

    public LocalBaseState State { get; }

    public IReadOnlyList<TableModel> Tables { get; }

    public TableModel? TableById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A table by id, name, or name ignoring case.</summary>
    /// <exception cref="BaseRequestException">No such table.</exception>
    public TableModel Table(string idOrName) =>
        _byId.GetValueOrDefault(idOrName)
        ?? Tables.FirstOrDefault(t => string.Equals(t.Name, idOrName, StringComparison.Ordinal))
        ?? Tables.FirstOrDefault(t => string.Equals(t.Name, idOrName, StringComparison.OrdinalIgnoreCase))
        ?? throw new BaseRequestException(BaseError.TableNotFound, $"Could not find table {idOrName} in application {State.Info?.Id}");

    /// <summary>The link field on the other side of <paramref name="link"/>, when the link has one.</summary>
    public (TableModel Table, FieldSchema Field)? Inverse(FieldSchema link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Options?.LinkedTableId is not { } tableId || link.Options.InverseLinkFieldId is not { } fieldId || TableById(tableId) is not { } table)
        {
            return null;
        }

        return table.FieldById(fieldId) is { } field ? (table, field) : null;
    }
}
