namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>
/// How to write: <see cref="Typecast"/> converts strings to the field's type as Airtable does;
/// <see cref="Replace"/> (PUT) clears every editable field the write leaves out;
/// <see cref="DryRun"/> validates and computes the write exactly, returns the records as they
/// would be, and stores nothing.
/// </summary>
public sealed record WriteOptions(bool Typecast = false, bool ReturnFieldsByFieldId = false, bool Replace = false, bool DryRun = false);
