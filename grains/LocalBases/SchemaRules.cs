using PyAirtable.Formulas;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>
/// Pure schema decisions: names, field types and options checked and completed with Airtable's
/// defaults, links given their inverse fields. Each returns the new state; nothing is stored here.
/// </summary>
public static class SchemaRules
{
    public const int MaxNameLength = 255;

    private static readonly HashSet<string> _notPrimary = new(StringComparer.Ordinal)
    {
        FieldTypes.MultipleRecordLinks, FieldTypes.MultipleAttachments, FieldTypes.Checkbox, FieldTypes.MultipleSelects,
        FieldTypes.MultipleCollaborators, FieldTypes.SingleCollaborator, FieldTypes.MultipleLookupValues, FieldTypes.Rollup, FieldTypes.Count,
    };

    private static readonly string[] _choiceColors = ["blueLight2", "cyanLight2", "tealLight2", "greenLight2", "yellowLight2", "orangeLight2", "redLight2", "pinkLight2", "purpleLight2", "grayLight2"];

    public static string CleanName(string? name, string what)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0)
        {
            throw new BaseRequestException(BaseError.InvalidSchema, $"The {what} name must not be empty.");
        }

        return clean.Length <= MaxNameLength ? clean : throw new BaseRequestException(BaseError.InvalidSchema, $"The {what} name is longer than {MaxNameLength} characters.");
    }

    public static LocalBaseState CreateBase(BaseInfo info, IReadOnlyList<TableDefinition> tables)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            throw new BaseRequestException(BaseError.InvalidSchema, "A base needs at least one table.");
        }

        var state = new LocalBaseState { Info = info };
        foreach (var table in tables)
        {
            state = AddTable(state, table).State;
        }

        return state;
    }

    /// <summary>Adds a table: its first field is primary; link fields get inverse fields in the tables they link to.</summary>
    public static (LocalBaseState State, TableSchema Table) AddTable(LocalBaseState state, TableDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(definition);
        var name = CleanName(definition.Name, "table");
        if (state.Tables.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new BaseRequestException(BaseError.DuplicateName, $"A table named \"{name}\" already exists in this base.");
        }

        if (definition.Fields is not { Count: > 0 })
        {
            throw new BaseRequestException(BaseError.InvalidSchema, "A table needs at least one field; the first one is its primary field.");
        }

        var primary = definition.Fields[0];
        if (_notPrimary.Contains(primary.Type))
        {
            throw new BaseRequestException(BaseError.InvalidSchema, $"A {primary.Type} field cannot be the primary field.");
        }

        var tableId = AirtableIds.New(AirtableIds.Table);
        var view = new ViewSchema(AirtableIds.New(AirtableIds.View), "Grid view", "grid", null, [], []);
        var empty = new TableSchema(tableId, name, definition.Description, "", [], [view]);
        state = state with { Tables = [.. state.Tables, empty] };
        foreach (var field in definition.Fields)
        {
            state = AddField(state, tableId, field).State;
        }

        var table = state.Tables.Single(t => t.Id == tableId);
        table = table with { PrimaryFieldId = table.Fields[0].Id };
        foreach (var viewDefinition in definition.Views ?? [])
        {
            table = PutView(table, viewDefinition).Table;
        }

        state = Replace(state, table);
        return (state, table);
    }

    public static LocalBaseState Replace(LocalBaseState state, TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(table);
        return state with { Tables = state.Tables.Select(t => t.Id == table.Id ? table : t).ToList() };
    }

    public static TableSchema Table(LocalBaseState state, string tableId) => state.Tables.Single(t => t.Id == tableId);

    /// <summary>Adds a field to a table, checking its type and options and filling Airtable's defaults.</summary>
    public static (LocalBaseState State, FieldSchema Field) AddField(LocalBaseState state, string tableId, FieldDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(definition);
        var table = Table(state, tableId);
        var name = UniqueCheckedName(table, definition.Name);
        var type = definition.Type ?? "";
        if (FieldTypes.Unsupported.Contains(type))
        {
            throw new BaseRequestException(BaseError.UnsupportedFieldType, $"The field type {type} is not supported by PyAirtable's local bases.");
        }

        if (!FieldTypes.Supported.Contains(type))
        {
            throw new BaseRequestException(BaseError.InvalidSchema, $"Unknown field type \"{type}\".");
        }

        var id = AirtableIds.New(AirtableIds.Field);
        var options = Options(state, table, id, name, type, definition.Options);
        var field = new FieldSchema(id, name, type, definition.Description, options);
        table = table with { Fields = [.. table.Fields, field] };
        if (table.PrimaryFieldId.Length == 0 && table.Fields.Count == 1)
        {
            table = table with { PrimaryFieldId = id };
        }

        state = Replace(state, table);
        if (type == FieldTypes.MultipleRecordLinks && options!.LinkedTableId != tableId)
        {
            state = AddInverse(state, table, field);
            field = Table(state, tableId).Fields.Single(f => f.Id == id);
        }

        return (state, field);
    }

    private static string UniqueCheckedName(TableSchema table, string? requested)
    {
        var name = CleanName(requested, "field");
        return table.Fields.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ? throw new BaseRequestException(BaseError.DuplicateName, $"A field named \"{name}\" already exists in table {table.Name}.")
            : name;
    }

    private static LocalBaseState AddInverse(LocalBaseState state, TableSchema table, FieldSchema link)
    {
        var linked = Table(state, link.Options!.LinkedTableId!);
        var name = table.Name;
        for (var n = 2; linked.Fields.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)); n++)
        {
            name = $"{table.Name} {n}";
        }

        var inverseId = AirtableIds.New(AirtableIds.Field);
        var inverse = new FieldSchema(inverseId, name, FieldTypes.MultipleRecordLinks, null, new FieldOptions
        {
            LinkedTableId = table.Id,
            InverseLinkFieldId = link.Id,
            IsReversed = false,
            PrefersSingleRecordLink = false,
        });
        state = Replace(state, linked with { Fields = [.. linked.Fields, inverse] });
        var source = Table(state, table.Id);
        return Replace(state, source with
        {
            Fields = source.Fields.Select(f => f.Id == link.Id ? f with { Options = f.Options! with { InverseLinkFieldId = inverseId } } : f).ToList(),
        });
    }

    private static FieldOptions? Options(LocalBaseState state, TableSchema table, string fieldId, string name, string type, FieldOptions? given)
    {
        var options = given ?? new FieldOptions();
        switch (type)
        {
            case FieldTypes.SingleSelect or FieldTypes.MultipleSelects:
                var choices = new List<SelectChoice>();
                foreach (var choice in options.Choices ?? [])
                {
                    var choiceName = CleanName(choice.Name, "option");
                    if (choices.Any(c => c.Name == choiceName))
                    {
                        throw new BaseRequestException(BaseError.InvalidSchema, $"Field \"{name}\" has the option \"{choiceName}\" twice.");
                    }

                    choices.Add(new SelectChoice(AirtableIds.New(AirtableIds.Choice), choiceName, choice.Color ?? _choiceColors[choices.Count % _choiceColors.Length]));
                }

                return new FieldOptions { Choices = choices };
            case FieldTypes.Number or FieldTypes.Percent:
                return new FieldOptions { Precision = Precision(name, options.Precision, null) };
            case FieldTypes.Currency:
                return new FieldOptions { Precision = Precision(name, options.Precision, 2), Symbol = options.Symbol ?? "$" };
            case FieldTypes.Rating:
                var max = options.Max ?? 5;
                return max is >= 1 and <= 10
                    ? new FieldOptions { Max = max, Icon = options.Icon ?? "star", Color = options.Color ?? "yellowBright" }
                    : throw new BaseRequestException(BaseError.InvalidSchema, $"Field \"{name}\": a rating's max is from 1 to 10.");
            case FieldTypes.Checkbox:
                return new FieldOptions { Icon = options.Icon ?? "check", Color = options.Color ?? "greenBright" };
            case FieldTypes.Duration:
                return new FieldOptions { DurationFormat = options.DurationFormat ?? "h:mm" };
            case FieldTypes.Date:
                return new FieldOptions { DateFormat = options.DateFormat ?? new DateFormatOption("iso", "YYYY-MM-DD") };
            case FieldTypes.DateTime:
                return new FieldOptions
                {
                    DateFormat = options.DateFormat ?? new DateFormatOption("iso", "YYYY-MM-DD"),
                    TimeFormat = options.TimeFormat ?? new DateFormatOption("24hour", "HH:mm"),
                    TimeZone = options.TimeZone ?? "utc",
                };
            case FieldTypes.MultipleRecordLinks:
                var linkedTableId = options.LinkedTableId;
                if (linkedTableId is null || state.Tables.All(t => t.Id != linkedTableId))
                {
                    throw new BaseRequestException(BaseError.InvalidSchema, $"Field \"{name}\": options.linkedTableId must name a table of this base.");
                }

                return new FieldOptions { LinkedTableId = linkedTableId, IsReversed = false, PrefersSingleRecordLink = options.PrefersSingleRecordLink ?? false };
            case FieldTypes.MultipleLookupValues or FieldTypes.Rollup or FieldTypes.Count:
                return LinkedOptions(state, table, name, type, options);
            case FieldTypes.Formula:
                return FormulaOptions(table, name, options);
            case FieldTypes.CreatedTime:
                return new FieldOptions { Result = new FieldResult(FieldTypes.DateTime, DateTimeResultOptions()) };
            case FieldTypes.LastModifiedTime:
                var watched = (options.ReferencedFieldIds ?? []).Select(f => new TableModel(WithPrimary(table)).Field(f).Id).ToList();
                return new FieldOptions { IsValid = true, ReferencedFieldIds = watched, Result = new FieldResult(FieldTypes.DateTime, DateTimeResultOptions()) };
            case FieldTypes.MultipleAttachments:
                return new FieldOptions { IsReversed = false };
            default:
                return null;
        }
    }

    private static FieldOptions DateTimeResultOptions() => new()
    {
        DateFormat = new DateFormatOption("iso", "YYYY-MM-DD"),
        TimeFormat = new DateFormatOption("24hour", "HH:mm"),
        TimeZone = "utc",
    };

    private static int? Precision(string name, int? precision, int? fallback) => (precision ?? fallback) switch
    {
        null => null,
        >= 0 and <= 8 and var p => p,
        _ => throw new BaseRequestException(BaseError.InvalidSchema, $"Field \"{name}\": precision is from 0 to 8."),
    };

    /// <summary>A table still being built has no primary field yet; models need one.</summary>
    private static TableSchema WithPrimary(TableSchema table) =>
        table.PrimaryFieldId.Length == 0 && table.Fields.Count > 0 ? table with { PrimaryFieldId = table.Fields[0].Id } : table;

    private static FieldOptions LinkedOptions(LocalBaseState state, TableSchema table, string name, string type, FieldOptions options)
    {
        var model = new TableModel(WithPrimary(table));
        var link = options.RecordLinkFieldId is { } linkId && model.TryGetField(linkId, out var found) && found.Type == FieldTypes.MultipleRecordLinks
            ? found
            : throw new BaseRequestException(BaseError.InvalidSchema, $"Field \"{name}\": options.recordLinkFieldId must name a link field of table {table.Name}.");
        if (type == FieldTypes.Count)
        {
            return new FieldOptions { RecordLinkFieldId = link.Id, IsValid = true };
        }

        var linked = new TableModel(WithPrimary(Table(state, link.Options!.LinkedTableId!)));
        var target = options.FieldIdInLinkedTable is { } targetId && linked.TryGetField(targetId, out var t)
            ? t
            : throw new BaseRequestException(BaseError.InvalidSchema, $"Field \"{name}\": options.fieldIdInLinkedTable must name a field of table {linked.Name}.");
        if (type == FieldTypes.MultipleLookupValues)
        {
            return new FieldOptions { RecordLinkFieldId = link.Id, FieldIdInLinkedTable = target.Id, IsValid = true, Result = new FieldResult(target.Type, target.Options) };
        }

        var formula = options.Formula ?? "ARRAYJOIN(values)";
        if (!FormulaCompiler.TryCompile(formula, model.FormulaSchema, out _, out var error, FormulaCompileOptions.Rollup))
        {
            throw new BaseRequestException(BaseError.InvalidSchema, $"Field \"{name}\": the rollup formula is invalid: {error.Message}");
        }

        return new FieldOptions
        {
            RecordLinkFieldId = link.Id,
            FieldIdInLinkedTable = target.Id,
            Formula = formula,
            IsValid = true,
            ReferencedFieldIds = [target.Id],
            Result = new FieldResult(RollupResultType(formula), null),
        };
    }

    private static string RollupResultType(string formula)
    {
        var upper = formula.TrimStart().ToUpperInvariant();
        return upper.StartsWith("ARRAY", StringComparison.Ordinal) || upper.StartsWith("CONCATENATE", StringComparison.Ordinal) ? FieldTypes.SingleLineText : FieldTypes.Number;
    }

    private static FieldOptions FormulaOptions(TableSchema table, string name, FieldOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Formula))
        {
            throw new BaseRequestException(BaseError.InvalidSchema, $"Field \"{name}\": options.formula is required.");
        }

        var model = new TableModel(WithPrimary(table));
        if (!FormulaCompiler.TryCompile(options.Formula, model.FormulaSchema, out var compiled, out var error))
        {
            throw new BaseRequestException(BaseError.InvalidSchema, $"Field \"{name}\": the formula is invalid: {error.Message}");
        }

        return new FieldOptions
        {
            Formula = options.Formula,
            IsValid = true,
            ReferencedFieldIds = compiled.ReferencedFields.Select(f => f.Id).ToList(),
            Result = options.Result ?? new FieldResult(FieldTypes.SingleLineText, null),
        };
    }

    /// <summary>Renames a field or changes its description.</summary>
    public static (LocalBaseState State, FieldSchema Field) UpdateField(LocalBaseState state, TableModel table, FieldSchema field, SchemaUpdate update)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(update);
        var name = field.Name;
        if (update.Name is not null)
        {
            name = CleanName(update.Name, "field");
            if (table.Fields.Any(f => f.Id != field.Id && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new BaseRequestException(BaseError.DuplicateName, $"A field named \"{name}\" already exists in table {table.Name}.");
            }
        }

        var updated = field with { Name = name, Description = update.Description ?? field.Description };
        var schema = table.Schema with { Fields = table.Fields.Select(f => f.Id == field.Id ? updated : f).ToList() };
        if (name != field.Name)
        {
            schema = RenameReferences(table, schema, field, name);
        }

        return (Replace(state, schema), updated);
    }

    /// <summary>
    /// Formulas, rollups and view filters name fields in their text: a rename rewrites the
    /// references that meant the renamed field, so they keep reading it (Airtable does the same).
    /// </summary>
    private static TableSchema RenameReferences(TableModel table, TableSchema schema, FieldSchema renamed, string name)
    {
        string? Rename(string reference) =>
            reference != renamed.Id && table.FormulaSchema.TryGetField(reference, out var target) && target.Id == renamed.Id ? name : null;

        string? Rewrite(string? text) => text is null ? null : FormulaReferences.Rename(text, Rename);

        return schema with
        {
            Fields = schema.Fields.Select(f => f.Type is FieldTypes.Formula or FieldTypes.Rollup && f.Options?.Formula is { } formula
                ? f with { Options = f.Options with { Formula = Rewrite(formula) } }
                : f).ToList(),
            Views = schema.Views.Select(v => v with { FilterByFormula = Rewrite(v.FilterByFormula) }).ToList(),
        };
    }

    public static (LocalBaseState State, TableSchema Table) UpdateTable(LocalBaseState state, TableModel table, SchemaUpdate update)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(update);
        var name = table.Name;
        if (update.Name is not null)
        {
            name = CleanName(update.Name, "table");
            if (state.Tables.Any(t => t.Id != table.Id && string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new BaseRequestException(BaseError.DuplicateName, $"A table named \"{name}\" already exists in this base.");
            }
        }

        var updated = table.Schema with { Name = name, Description = update.Description ?? table.Schema.Description };
        return (Replace(state, updated), updated);
    }

    /// <summary>Adds a view or replaces the one with the same name; the filter must compile and the fields must exist.</summary>
    public static (TableSchema Table, ViewSchema View) PutView(TableSchema table, ViewDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(definition);
        var model = new TableModel(WithPrimary(table));
        var name = CleanName(definition.Name, "view");
        if (definition.FilterByFormula is { Length: > 0 } filter && !FormulaCompiler.TryCompile(filter, model.FormulaSchema, out _, out var error))
        {
            throw new BaseRequestException(BaseError.InvalidFilter, $"The view's filter formula is invalid: {error.Message}");
        }

        var sorts = (definition.Sorts ?? []).Select(s => new ViewSort(model.Field(s.Field).Id, (s.Direction ?? "asc").ToLowerInvariant() is "desc" ? "desc" : "asc")).ToList();
        var hidden = (definition.HiddenFields ?? []).Select(f => model.Field(f).Id).Distinct(StringComparer.Ordinal).ToList();
        var existing = table.Views.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
        var view = new ViewSchema(existing?.Id ?? AirtableIds.New(AirtableIds.View), name, "grid", definition.FilterByFormula, sorts, hidden);
        var views = existing is null ? [.. table.Views, view] : table.Views.Select(v => v.Id == existing.Id ? view : v).ToList();
        return (table with { Views = views }, view);
    }

    /// <summary>A select field with one more choice (typecast created it).</summary>
    public static FieldSchema WithChoice(FieldSchema field, string name)
    {
        ArgumentNullException.ThrowIfNull(field);
        var choices = field.Options?.Choices ?? [];
        var choice = new SelectChoice(AirtableIds.New(AirtableIds.Choice), name, _choiceColors[choices.Count % _choiceColors.Length]);
        return field with { Options = (field.Options ?? new FieldOptions()) with { Choices = [.. choices, choice] } };
    }
}
