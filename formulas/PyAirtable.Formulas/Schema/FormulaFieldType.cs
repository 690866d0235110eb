namespace PyAirtable.Formulas.Schema;

public enum FormulaFieldType
{
    Text,
    Number,
    Checkbox,
    Date,
    DateTime,
    Duration,
    SingleSelect,
    MultipleSelects,
    LinkedRecords,
    Lookup,
    Attachments,
    Collaborator,
    Formula,
    Other,
}
