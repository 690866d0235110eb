namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>
/// The options of a field, flat: each type uses the members Airtable's Web API documents for it
/// and leaves the rest null, so the JSON form (nulls omitted) is exactly Airtable's.
/// </summary>
public sealed record FieldOptions
{
    public IReadOnlyList<SelectChoice>? Choices { get; init; }

    public int? Precision { get; init; }

    public string? Symbol { get; init; }

    public string? DurationFormat { get; init; }

    public int? Max { get; init; }

    public string? Icon { get; init; }

    public string? Color { get; init; }

    public DateFormatOption? DateFormat { get; init; }

    public DateFormatOption? TimeFormat { get; init; }

    public string? TimeZone { get; init; }

    public string? LinkedTableId { get; init; }

    public string? InverseLinkFieldId { get; init; }

    public bool? IsReversed { get; init; }

    public bool? PrefersSingleRecordLink { get; init; }

    public string? RecordLinkFieldId { get; init; }

    public string? FieldIdInLinkedTable { get; init; }

    /// <summary>Formula text of a formula field, or of a rollup over <c>values</c> (for example <c>SUM(values)</c>).</summary>
    public string? Formula { get; init; }

    public bool? IsValid { get; init; }

    public IReadOnlyList<string>? ReferencedFieldIds { get; init; }

    public FieldResult? Result { get; init; }
}
