namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>What was wrong with a request to a base; each maps to one Airtable error type.</summary>
public enum BaseError
{
    BaseNotFound,
    TableNotFound,
    RecordNotFound,
    ViewNotFound,
    UnknownField,
    InvalidValue,
    ComputedField,
    InvalidChoice,
    InvalidFilter,
    InvalidRequest,
    IteratorNotAvailable,
    UnsupportedFieldType,
    DuplicateName,
    InvalidSchema,
}
