namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>Airtable's <c>cellFormat</c>: JSON values, or the strings the UI shows (needs a time zone and locale).</summary>
public enum CellFormat
{
    Json,
    /// <summary>Airtable's <c>string</c>.</summary>
    Text,
}
