using PyAirtable.Formulas;
using PyAirtable.Formulas.Values;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>Which records a list request returns, in which order: the view's filter and sorts, then the request's.</summary>
public static partial class RecordSelection
{
    /// <summary>
    /// Whether a formula may call a function that reads the clock (NOW, TODAY, TONOW, FROMNOW), so
    /// that its result can change without any data changing. Textual and conservative: a name in a
    /// string literal or a field name also counts.
    /// </summary>
    public static bool ReadsClock(string? formula) => formula is { Length: > 0 } && ClockFunction().IsMatch(formula);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(NOW|TODAY|TONOW|FROMNOW)\s*\(", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ClockFunction();

    public static List<LocalRecord> Select(TableModel table, SchemaModel schema, IEnumerable<LocalRecord> records, Func<string, LocalRecord?> find, RecordQuery query, FormulaContext context)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(query);
        var view = query.View is { Length: > 0 } name ? table.View(name) : null;
        var filters = new List<CompiledFormula>(2);
        if (view?.FilterByFormula is { Length: > 0 } viewFilter && FormulaCompiler.TryCompile(viewFilter, table.FormulaSchema, out var compiledView, out _))
        {
            filters.Add(compiledView);
        }

        if (query.FilterByFormula is { Length: > 0 } filter)
        {
            if (!FormulaCompiler.TryCompile(filter, table.FormulaSchema, out var compiled, out var error))
            {
                throw new BaseRequestException(BaseError.InvalidFilter, $"The formula for filtering records is invalid: {error.Message}");
            }

            filters.Add(compiled);
        }

        var sorts = (query.Sort is { Count: > 0 } ? query.Sort : view?.Sorts ?? []).Select(s => Sort(table, s)).ToList();
        var selected = new List<LocalRecord>();
        foreach (var record in records)
        {
            if (filters.Count > 0 && !MatchesAll(filters, new RecordView(record, table, find, schema), context))
            {
                continue;
            }

            selected.Add(record);
        }

        if (sorts.Count > 0)
        {
            var keys = selected.ToDictionary(r => r.Id, r =>
            {
                var formulaRecord = new RecordView(r, table, find, schema);
                return sorts.Select(s => SortKey(formulaRecord, s.Field)).ToArray();
            }, StringComparer.Ordinal);
            selected.Sort((a, b) =>
            {
                var left = keys[a.Id];
                var right = keys[b.Id];
                for (var i = 0; i < sorts.Count; i++)
                {
                    var order = Compare(left[i], right[i]);
                    if (order != 0)
                    {
                        return sorts[i].Descending ? -order : order;
                    }
                }

                return a.Seq.CompareTo(b.Seq);
            });
        }

        if (query.MaxRecords is { } max && max < selected.Count)
        {
            selected.RemoveRange(max, selected.Count - max);
        }

        return selected;
    }

    /// <summary>A loop rather than a lambda: a closure over the record would be allocated for every record of the table.</summary>
    private static bool MatchesAll(List<CompiledFormula> filters, RecordView record, FormulaContext context)
    {
        foreach (var filter in filters)
        {
            if (!filter.Matches(record, context))
            {
                return false;
            }
        }

        return true;
    }

    private static (FieldSchema Field, bool Descending) Sort(TableModel table, ViewSort sort)
    {
        var descending = (sort.Direction ?? "asc").ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => throw new BaseRequestException(BaseError.InvalidRequest, $"Invalid sort direction \"{sort.Direction}\": use asc or desc."),
        };
        return (table.Field(sort.Field), descending);
    }

    /// <summary>
    /// What a record sorts by: the value, except that a single select sorts by the order of its
    /// choices in the field, as in Airtable, not by the choice names.
    /// </summary>
    private static FormulaValue SortKey(RecordView record, FieldSchema field)
    {
        var value = record.ValueOf(field);
        if (field.Type != FieldTypes.SingleSelect || value.IsBlank || value.AsString is not { } name)
        {
            return value;
        }

        var choices = field.Options?.Choices ?? [];
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i].Name == name)
            {
                return FormulaValue.Number(i);
            }
        }

        return FormulaValue.Number(choices.Count);
    }

    /// <summary>Blanks first, then numbers, dates, text (ignoring case) and arrays by their text.</summary>
    public static int Compare(FormulaValue a, FormulaValue b)
    {
        var blankA = a.IsBlank || (a.Kind == FormulaValueKind.Array && a.Elements.Count == 0);
        var blankB = b.IsBlank || (b.Kind == FormulaValueKind.Array && b.Elements.Count == 0);
        if (blankA || blankB)
        {
            return blankA == blankB ? 0 : blankA ? -1 : 1;
        }

        return (a.Kind, b.Kind) switch
        {
            (FormulaValueKind.Number or FormulaValueKind.Duration or FormulaValueKind.Boolean, FormulaValueKind.Number or FormulaValueKind.Duration or FormulaValueKind.Boolean) => a.AsNumber.CompareTo(b.AsNumber),
            (FormulaValueKind.Date, FormulaValueKind.Date) => a.AsDateTime.CompareTo(b.AsDateTime),
            _ => string.Compare(Text(a), Text(b), StringComparison.OrdinalIgnoreCase),
        };
    }

    private static string Text(FormulaValue value) => value.Kind == FormulaValueKind.Array
        ? string.Join(", ", value.Elements.Select(Text))
        : Convert.ToString(value.ToClrValue(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
