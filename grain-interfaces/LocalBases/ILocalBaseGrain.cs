using PyAirtable.GrainInterfaces.Security;

namespace PyAirtable.GrainInterfaces.LocalBases;

/// <summary>
/// A base stored by PyAirtable itself (key: <c>app…</c>), served with Airtable's semantics: its
/// schema, its records (one stored row each), computed fields kept in step, inverse links,
/// comments. Tables and fields are named by name or id wherever Airtable allows both. Requests
/// that are wrong throw <see cref="BaseRequestException"/> and change nothing. Callers authorize
/// first: the grain trusts the <see cref="Caller"/> it is given.
/// </summary>
public interface ILocalBaseGrain : IGrainWithStringKey
{
    /// <summary>Creates the base with its tables; the workspace must already list it.</summary>
    Task<BaseSchema> CreateAsync(CreateBaseRequest request, Caller caller);

    /// <summary>The base, or null when it does not exist (or was deleted).</summary>
    [ReadOnly]
    Task<BaseInfo?> GetInfoAsync();

    /// <summary>Every table with fields and views.</summary>
    [ReadOnly]
    Task<BaseSchema> GetSchemaAsync();

    /// <summary>Renames the base and/or switches Airtable parity (rate limits) for it.</summary>
    Task<BaseInfo> UpdateAsync(string? name, bool? airtableParity, Caller caller);

    /// <summary>Deletes the base and all its records.</summary>
    Task DeleteAsync(Caller caller);

    /// <summary>Adds a table.</summary>
    Task<TableSchema> CreateTableAsync(TableDefinition definition, Caller caller);

    /// <summary>Renames a table or changes its description.</summary>
    Task<TableSchema> UpdateTableAsync(string table, SchemaUpdate update, Caller caller);

    /// <summary>Adds a field; computed fields are computed for every record before this returns.</summary>
    Task<FieldSchema> CreateFieldAsync(string table, FieldDefinition definition, Caller caller);

    /// <summary>Renames a field or changes its description.</summary>
    Task<FieldSchema> UpdateFieldAsync(string table, string field, SchemaUpdate update, Caller caller);

    /// <summary>Adds a view, or replaces the view of the same name.</summary>
    Task<ViewSchema> PutViewAsync(string table, ViewDefinition definition, Caller caller);

    /// <summary>One page of records: view, filter, sort, fields, paging as Airtable's list-records.</summary>
    [ReadOnly]
    Task<RecordPage> ListRecordsAsync(string table, RecordQuery query);

    /// <summary>
    /// The same page as <see cref="ListRecordsAsync"/>, written as Airtable's JSON: what the
    /// <c>/v0</c> API sends. A page asked for again before the next change is not written again.
    /// </summary>
    [ReadOnly]
    Task<RecordPageJson> ListRecordsJsonAsync(string table, RecordQuery query);

    /// <summary>One record.</summary>
    [ReadOnly]
    Task<RecordData> GetRecordAsync(string table, string recordId, RecordQuery query);

    /// <summary>Creates records (no ids) or updates them (ids), all or none, and returns them as written.</summary>
    Task<IReadOnlyList<RecordData>> WriteRecordsAsync(string table, IReadOnlyList<RecordWrite> records, WriteOptions options, Caller caller);

    /// <summary>Updates the records whose merge fields match, creates the others (Airtable's <c>performUpsert</c>).</summary>
    Task<UpsertOutcome> UpsertRecordsAsync(string table, IReadOnlyList<RecordWrite> records, IReadOnlyList<string> fieldsToMergeOn, WriteOptions options, Caller caller);

    /// <summary>Deletes records, all or none; returns their ids.</summary>
    Task<IReadOnlyList<string>> DeleteRecordsAsync(string table, IReadOnlyList<string> recordIds, Caller caller);

    /// <summary>Comments of a record, newest first.</summary>
    [ReadOnly]
    Task<CommentPage> ListCommentsAsync(string table, string recordId, int? pageSize, string? offset);

    /// <summary>Adds a comment as the caller.</summary>
    Task<RecordComment> CreateCommentAsync(string table, string recordId, string text, Caller caller);

    /// <summary>Edits a comment; only its author may.</summary>
    Task<RecordComment> UpdateCommentAsync(string table, string recordId, string commentId, string text, Caller caller);

    /// <summary>Deletes a comment; only its author may.</summary>
    Task DeleteCommentAsync(string table, string recordId, string commentId, Caller caller);
}
