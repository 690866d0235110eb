using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Grains.LocalBases;

/// <summary>What normalizing a written cell may need beyond the value: typecast, choices, links, collaborators.</summary>
public interface ICellWriteContext
{
    bool Typecast { get; }

    /// <summary>The select field as it is now (typecast may have added choices to it in this request).</summary>
    FieldSchema CurrentField(TableModel table, FieldSchema field);

    /// <summary>Adds a choice to a select field (typecast only) and returns the field with it.</summary>
    FieldSchema AddChoice(TableModel table, FieldSchema field, string name);

    /// <summary>Whether the record exists in the linked table.</summary>
    bool RecordExists(string tableId, string recordId);

    /// <summary>The id of the first record whose primary value is <paramref name="text"/>, creating one when none matches (typecast).</summary>
    string FindOrCreateByPrimary(string tableId, string text);

    /// <summary>The workspace member with this id or e-mail, or null.</summary>
    Collaborator? FindCollaborator(string idOrEmail);
}
