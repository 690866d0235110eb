using PyAirtable.Formulas.Values;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;

namespace PyAirtable.Grains.LocalBases;

public sealed partial class LocalBaseGrain
{
    public async Task<BaseSchema> CreateAsync(CreateBaseRequest request, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (_schema.State.Info is not null)
        {
            throw new ConflictException("This base already exists.");
        }

        var info = new BaseInfo(Id, SchemaRules.CleanName(request.Name, "base"), request.WorkspaceId, false, time.GetUtcNow());
        var state = SchemaRules.CreateBase(info, request.Tables ?? []);
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), await ActorAsync(caller));
        changes.ReplaceSchema(state);
        await CommitAsync(changes, [SchemaEvent("base.created", null, null, caller)]);
        return new BaseSchema(info, _schema.State.Tables);
    }

    public async Task<BaseInfo> UpdateAsync(string? name, bool? airtableParity, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var info = _schema.State.Info! with
        {
            Name = name is null ? _schema.State.Info!.Name : SchemaRules.CleanName(name, "base"),
            AirtableParity = airtableParity ?? _schema.State.Info!.AirtableParity,
        };
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), null);
        changes.ReplaceSchema(_schema.State with { Info = info });
        await CommitAsync(changes, [SchemaEvent("base.updated", null, null, caller)]);
        return info;
    }

    public async Task DeleteAsync(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), null);
        foreach (var table in _schema.Tables)
        {
            foreach (var record in _data.Records(table.Id).ToList())
            {
                changes.Remove(record.Id);
            }
        }

        changes.ReplaceSchema(_schema.State with { Deleted = true, Tables = [] });
        await CommitAsync(changes, [SchemaEvent("base.deleted", null, null, caller)]);
        _iterators.Clear();
    }

    public async Task<TableSchema> CreateTableAsync(TableDefinition definition, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var (state, table) = SchemaRules.AddTable(_schema.State, definition);
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), null);
        changes.ReplaceSchema(state);
        await CommitAsync(changes, [SchemaEvent("table.created", table.Id, null, caller)]);
        return _schema.TableById(table.Id)!.Schema;
    }

    public async Task<TableSchema> UpdateTableAsync(string table, SchemaUpdate update, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var model = _schema.Table(table);
        var (state, updated) = SchemaRules.UpdateTable(_schema.State, model, update);
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), null);
        changes.ReplaceSchema(state);
        await CommitAsync(changes, [SchemaEvent("table.updated", updated.Id, null, caller)]);
        return updated;
    }

    public async Task<FieldSchema> CreateFieldAsync(string table, FieldDefinition definition, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var model = _schema.Table(table);
        var (state, field) = SchemaRules.AddField(_schema.State, model.Id, definition);
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), null);
        changes.ReplaceSchema(state);
        if (field.Type == FieldTypes.Formula)
        {
            changes.ReplaceSchema(WithFormulaResult(changes, model.Id, field));
            field = changes.Schema.TableById(model.Id)!.FieldById(field.Id)!;
        }

        if (field.Type == FieldTypes.AutoNumber)
        {
            NumberExistingRecords(changes, model.Id, field.Id);
        }

        // A new computed field has a value in every record; stored ones need no pass.
        var updatedModel = changes.Schema.TableById(model.Id)!;
        if (FieldTypes.Computed.Contains(field.Type))
        {
            foreach (var record in changes.Records(model.Id).ToList())
            {
                changes.Put(Computation.Recompute(changes, updatedModel, record, Formulas));
            }
        }

        // Filling a new field in every record is part of the schema change, not an edit of each
        // record: one SchemaChanged, not a RecordsUpdated as large as the table (which would also
        // start every "record updated" workflow once per record).
        await CommitAsync(changes, [SchemaEvent("field.created", model.Id, field.Id, caller)], recordEvents: false);
        return field;
    }

    /// <summary>Airtable reports a formula's result type; take it from the first value the formula gives.</summary>
    private LocalBaseState WithFormulaResult(BaseChangeSet changes, string tableId, FieldSchema field)
    {
        var table = changes.Schema.TableById(tableId)!;
        var formula = table.Formula(field.Id);
        var type = FieldTypes.SingleLineText;
        if (formula is not null)
        {
            foreach (var record in changes.Records(tableId).Take(200))
            {
                var value = formula.Evaluate(Computation.View(changes, table, record), Formulas);
                if (!value.IsBlank && !value.IsError)
                {
                    type = value.Kind switch
                    {
                        FormulaValueKind.Number or FormulaValueKind.Boolean => FieldTypes.Number,
                        FormulaValueKind.Date => value.IsDateOnly ? FieldTypes.Date : FieldTypes.DateTime,
                        FormulaValueKind.Duration => FieldTypes.Duration,
                        FormulaValueKind.Array => FieldTypes.MultipleLookupValues,
                        _ => FieldTypes.SingleLineText,
                    };
                    break;
                }
            }
        }

        var updated = field with { Options = field.Options! with { Result = new FieldResult(type, null) } };
        var schema = table.Schema with { Fields = table.Fields.Select(f => f.Id == field.Id ? updated : f).ToList() };
        return SchemaRules.Replace(changes.Schema.State, schema);
    }

    private static void NumberExistingRecords(BaseChangeSet changes, string tableId, string fieldId)
    {
        foreach (var record in changes.Records(tableId).ToList())
        {
            var cells = new Dictionary<string, System.Text.Json.JsonElement>(record.Cells, StringComparer.Ordinal)
            {
                [fieldId] = Json.Number(changes.NextAutoNumber(tableId)),
            };
            changes.Put(record with { Cells = cells });
        }
    }

    public async Task<FieldSchema> UpdateFieldAsync(string table, string field, SchemaUpdate update, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var model = _schema.Table(table);
        var (state, updated) = SchemaRules.UpdateField(_schema.State, model, model.Field(field), update);
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), null);
        changes.ReplaceSchema(state);
        await CommitAsync(changes, [SchemaEvent("field.updated", model.Id, updated.Id, caller)]);
        return updated;
    }

    public async Task<ViewSchema> PutViewAsync(string table, ViewDefinition definition, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var model = _schema.Table(table);
        var (schema, view) = SchemaRules.PutView(model.Schema, definition);
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), null);
        changes.ReplaceSchema(SchemaRules.Replace(_schema.State, schema));
        await CommitAsync(changes, [SchemaEvent("view.changed", model.Id, null, caller)]);
        return view;
    }
}
