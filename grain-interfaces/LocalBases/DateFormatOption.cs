namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>A date or time format of a date field: Airtable's name (<c>iso</c>, <c>local</c>, <c>friendly</c>, <c>us</c>, <c>european</c>, <c>12hour</c>, <c>24hour</c>) and its pattern.</summary>
public sealed record DateFormatOption(string Name, string? Format);
