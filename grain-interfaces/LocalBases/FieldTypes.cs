namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>Airtable's field type names, as the Web API spells them.</summary>
public static class FieldTypes
{
    public const string SingleLineText = "singleLineText";
    public const string MultilineText = "multilineText";
    public const string RichText = "richText";
    public const string Email = "email";
    public const string Url = "url";
    public const string PhoneNumber = "phoneNumber";
    public const string Number = "number";
    public const string Currency = "currency";
    public const string Percent = "percent";
    public const string Duration = "duration";
    public const string Rating = "rating";
    public const string Checkbox = "checkbox";
    public const string Date = "date";
    public const string DateTime = "dateTime";
    public const string SingleSelect = "singleSelect";
    public const string MultipleSelects = "multipleSelects";
    public const string SingleCollaborator = "singleCollaborator";
    public const string MultipleCollaborators = "multipleCollaborators";
    public const string MultipleRecordLinks = "multipleRecordLinks";
    public const string MultipleLookupValues = "multipleLookupValues";
    public const string Rollup = "rollup";
    public const string Count = "count";
    public const string Formula = "formula";
    public const string AutoNumber = "autoNumber";
    public const string CreatedTime = "createdTime";
    public const string LastModifiedTime = "lastModifiedTime";
    public const string CreatedBy = "createdBy";
    public const string LastModifiedBy = "lastModifiedBy";
    public const string Barcode = "barcode";
    public const string MultipleAttachments = "multipleAttachments";

    /// <summary>Types Airtable has that local bases refuse with a clear error.</summary>
    public static readonly IReadOnlySet<string> Unsupported = new HashSet<string>(StringComparer.Ordinal) { "aiText", "button", "externalSyncSource" };

    /// <summary>Every type a local base stores or computes.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        SingleLineText, MultilineText, RichText, Email, Url, PhoneNumber, Number, Currency, Percent, Duration, Rating,
        Checkbox, Date, DateTime, SingleSelect, MultipleSelects, SingleCollaborator, MultipleCollaborators,
        MultipleRecordLinks, MultipleLookupValues, Rollup, Count, Formula, AutoNumber, CreatedTime, LastModifiedTime,
        CreatedBy, LastModifiedBy, Barcode, MultipleAttachments,
    };

    /// <summary>Types whose values the base computes; writing them is an error, as in Airtable.</summary>
    public static readonly IReadOnlySet<string> Computed = new HashSet<string>(StringComparer.Ordinal)
    {
        MultipleLookupValues, Rollup, Count, Formula, AutoNumber, CreatedTime, LastModifiedTime, CreatedBy, LastModifiedBy,
    };
}
