using PyAirtable.Formulas;
using PyAirtable.Formulas.Schema;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// A table's schema with what requests need from it precomputed: fields by id and name, the
/// formula schema, compiled formulas and rollups, and the computed fields in evaluation order.
/// Immutable: a schema change builds a new one, so compiled formulas are never stale.
/// </summary>
public sealed class TableModel
{
    private readonly Dictionary<string, FieldSchema> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldSchema> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldSchema> _byNameIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CompiledFormula> _formulas = new(StringComparer.Ordinal);

    public TableModel(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        var ordinal = 0;
        var formulaFields = new List<FormulaField>(schema.Fields.Count);
        foreach (var field in schema.Fields)
        {
            _byId[field.Id] = field;
            _byName[field.Name] = field;
            _byNameIgnoringCase.TryAdd(field.Name, field);
            formulaFields.Add(new FormulaField(field.Id, field.Name, FormulaTypeOf(field), ordinal++));
        }

        FormulaSchema = new FormulaSchema(formulaFields);
        Primary = _byId.GetValueOrDefault(schema.PrimaryFieldId) ?? (schema.Fields.Count > 0 ? schema.Fields[0] : null) ?? new FieldSchema("", "", FieldTypes.SingleLineText, null, null);
        foreach (var field in schema.Fields)
        {
            if (field.Type is FieldTypes.Formula or FieldTypes.Rollup && field.Options?.Formula is { } text)
            {
                var options = field.Type == FieldTypes.Rollup ? FormulaCompileOptions.Rollup : FormulaCompileOptions.None;
                if (FormulaCompiler.TryCompile(text, FormulaSchema, out var compiled, out _, options))
                {
                    _formulas[field.Id] = compiled;
                }
            }
        }

        ComputedOrder = OrderComputed();
        StoredFields = schema.Fields.Where(f => !FieldTypes.Computed.Contains(f.Type) || f.Type == FieldTypes.AutoNumber).ToArray();
    }

    public TableSchema Schema { get; }

    public string Id => Schema.Id;

    public string Name => Schema.Name;

    public FieldSchema Primary { get; }

    public FormulaSchema FormulaSchema { get; }

    /// <summary>Computed fields, each after every field of this table it reads.</summary>
    public IReadOnlyList<FieldSchema> ComputedOrder { get; }

    /// <summary>Fields whose values go to the stored row (editable fields and auto numbers).</summary>
    public IReadOnlyList<FieldSchema> StoredFields { get; }

    public IReadOnlyList<FieldSchema> Fields => Schema.Fields;

    public bool HasComputedFields => ComputedOrder.Count > 0;

    public FieldSchema? FieldById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A field by id, exact name, or name ignoring case (Airtable's order of preference).</summary>
    public bool TryGetField(string idOrName, out FieldSchema field)
    {
        if (_byId.TryGetValue(idOrName, out field!) || _byName.TryGetValue(idOrName, out field!) || _byNameIgnoringCase.TryGetValue(idOrName, out field!))
        {
            return true;
        }

        field = null!;
        return false;
    }

    /// <exception cref="BaseRequestException">No such field (Airtable's <c>UNKNOWN_FIELD_NAME</c>).</exception>
    public FieldSchema Field(string idOrName) => TryGetField(idOrName, out var field)
        ? field
        : throw new BaseRequestException(BaseError.UnknownField, $"Unknown field name: \"{idOrName}\"");

    public FormulaField FormulaField(FieldSchema field)
    {
        ArgumentNullException.ThrowIfNull(field);
        FormulaSchema.TryGetField(field.Id, out var formulaField);
        return formulaField!;
    }

    public CompiledFormula? Formula(string fieldId) => _formulas.GetValueOrDefault(fieldId);

    public ViewSchema View(string idOrName) =>
        Schema.Views.FirstOrDefault(v => v.Id == idOrName)
        ?? Schema.Views.FirstOrDefault(v => string.Equals(v.Name, idOrName, StringComparison.Ordinal))
        ?? Schema.Views.FirstOrDefault(v => string.Equals(v.Name, idOrName, StringComparison.OrdinalIgnoreCase))
        ?? throw new BaseRequestException(BaseError.ViewNotFound, $"Could not find view \"{idOrName}\" in table {Schema.Name}");

    public static FormulaFieldType FormulaTypeOf(FieldSchema field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Type switch
        {
            FieldTypes.Number or FieldTypes.Currency or FieldTypes.Percent or FieldTypes.Rating or FieldTypes.Count or FieldTypes.AutoNumber => FormulaFieldType.Number,
            FieldTypes.Checkbox => FormulaFieldType.Checkbox,
            FieldTypes.Date => FormulaFieldType.Date,
            FieldTypes.DateTime or FieldTypes.CreatedTime or FieldTypes.LastModifiedTime => FormulaFieldType.DateTime,
            FieldTypes.Duration => FormulaFieldType.Duration,
            FieldTypes.SingleSelect => FormulaFieldType.SingleSelect,
            FieldTypes.MultipleSelects => FormulaFieldType.MultipleSelects,
            FieldTypes.MultipleRecordLinks => FormulaFieldType.LinkedRecords,
            FieldTypes.MultipleLookupValues => FormulaFieldType.Lookup,
            FieldTypes.MultipleAttachments => FormulaFieldType.Attachments,
            FieldTypes.SingleCollaborator or FieldTypes.MultipleCollaborators or FieldTypes.CreatedBy or FieldTypes.LastModifiedBy => FormulaFieldType.Collaborator,
            FieldTypes.Formula or FieldTypes.Rollup => ResultTypeOf(field),
            _ => FormulaFieldType.Text,
        };
    }

    private static FormulaFieldType ResultTypeOf(FieldSchema field) => field.Options?.Result?.Type switch
    {
        FieldTypes.Number or FieldTypes.Currency or FieldTypes.Percent => FormulaFieldType.Number,
        FieldTypes.Date => FormulaFieldType.Date,
        FieldTypes.DateTime => FormulaFieldType.DateTime,
        FieldTypes.Duration => FormulaFieldType.Duration,
        FieldTypes.Checkbox => FormulaFieldType.Checkbox,
        _ => FormulaFieldType.Formula,
    };

    private FieldSchema[] OrderComputed()
    {
        var computed = Schema.Fields.Where(f => FieldTypes.Computed.Contains(f.Type) && f.Type != FieldTypes.AutoNumber).ToList();
        var ordered = new List<FieldSchema>(computed.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);

        // Lookups, rollups and counts read other tables only; formulas may read any of them.
        foreach (var field in computed.Where(f => f.Type != FieldTypes.Formula))
        {
            ordered.Add(field);
            placed.Add(field.Id);
        }

        var pending = computed.Where(f => f.Type == FieldTypes.Formula).ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(f => Formula(f.Id)?.ReferencedFields
                .All(r => placed.Contains(r.Id) || _byId[r.Id].Type != FieldTypes.Formula) ?? true);

            // A cycle cannot be created (fields are checked when added); stop safely if one is stored.
            ready ??= pending[0];
            ordered.Add(ready);
            placed.Add(ready.Id);
            pending.Remove(ready);
        }

        return [.. ordered];
    }
}
