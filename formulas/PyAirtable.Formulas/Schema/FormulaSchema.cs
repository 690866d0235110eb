using System.Diagnostics.CodeAnalysis;

namespace PyAirtable.Formulas.Schema;

/// <summary>An in-memory schema: fields are found by exact name or by id.</summary>
public sealed class FormulaSchema : IFormulaSchema
{
    private readonly Dictionary<string, FormulaField> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FormulaField> _byId = new(StringComparer.Ordinal);

    public FormulaSchema(IEnumerable<FormulaField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields.ToArray();
        foreach (var field in Fields)
        {
            _byName[field.Name] = field;
            _byId[field.Id] = field;
        }
    }

    public IReadOnlyList<FormulaField> Fields { get; }

    /// <summary>Builds a schema whose ordinals follow the order given.</summary>
    public static FormulaSchema Create(params (string Id, string Name, FormulaFieldType Type)[] fields) =>
        new(fields.Select((field, index) => new FormulaField(field.Id, field.Name, field.Type, index)));

    public bool TryGetField(string nameOrId, [NotNullWhen(true)] out FormulaField? field) =>
        _byId.TryGetValue(nameOrId, out field) || _byName.TryGetValue(nameOrId, out field);
}
