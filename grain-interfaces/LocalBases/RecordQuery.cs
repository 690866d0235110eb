namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A list-records request with Airtable's parameters; null means Airtable's default.</summary>
public sealed record RecordQuery
{
    public string? View { get; init; }

    public string? FilterByFormula { get; init; }

    public IReadOnlyList<ViewSort>? Sort { get; init; }

    /// <summary>Fields to return, by name or id; null returns every field the view shows.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    public int? PageSize { get; init; }

    public int? MaxRecords { get; init; }

    public string? Offset { get; init; }

    public bool ReturnFieldsByFieldId { get; init; }

    public CellFormat CellFormat { get; init; }

    public string? TimeZone { get; init; }

    public string? UserLocale { get; init; }

    /// <summary>Adds <c>commentCount</c> to each record (<c>recordMetadata[]=commentCount</c>).</summary>
    public bool IncludeCommentCount { get; init; }
}
