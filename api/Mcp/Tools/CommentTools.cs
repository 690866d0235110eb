using System.ComponentModel;
using ModelContextProtocol.Server;
using PyAirtable.Api.Mcp.Shapes;
using PyAirtable.GrainInterfaces.Changes;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Workspaces;

namespace PyAirtable.Api.Mcp.Tools;

/// <summary>Comment tools: read a record's comments, add one as the caller.</summary>
[McpServerToolType]
public sealed class CommentTools(McpCaller caller)
{
    [McpServerTool(Name = "list_comments", Title = "List comments", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists the comments of a record, newest first, with their authors; returns an offset when there are more.")]
    public async Task<CommentList> ListCommentsAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("The record id (rec…).")] string recordId,
        [Description("Comments per page, 1 to 100 (default 100).")] int? pageSize = null,
        [Description("The offset returned by the previous page.")] string? offset = null)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Viewer);
        var page = await opened.Base.ListCommentsAsync(McpCaller.Required(table, "table"), McpCaller.Required(recordId, "recordId"), pageSize, offset);
        return new CommentList(page.Comments.Select(McpJson.Comment).ToList(), page.Offset);
    }

    [McpServerTool(Name = "create_comment", Title = "Comment on a record", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Adds a comment to a record, written as you (the key's owner).")]
    public async Task<CommentWriteResult> CreateCommentAsync(
        [Description("The base id (app…).")] string baseId,
        [Description("Table name or id (tbl…).")] string table,
        [Description("The record id (rec…).")] string recordId,
        [Description("The comment text.")] string text,
        [Description("Check the record exists and return the comment that would be written, without writing it.")] bool dryRun = false)
    {
        var opened = await caller.OpenBaseAsync(baseId, WorkspaceRole.Editor);
        var (name, id, body) = (McpCaller.Required(table, "table"), McpCaller.Required(recordId, "recordId"), McpCaller.Required(text, "text"));
        if (dryRun)
        {
            await opened.Base.GetRecordAsync(name, id, new RecordQuery());
            return new CommentWriteResult(id, body, null, true);
        }

        var comment = await opened.Base.CreateCommentAsync(name, id, body, caller.Caller);
        var tableId = (await SchemaTools.FindTableAsync(opened.Base, name)).Id;
        var changeId = await caller.JournalAsync(opened, "create_comment", new ChangeEntry { TableId = tableId, CommentRecordId = id, CommentId = comment.Id });
        return new CommentWriteResult(id, body, McpJson.Comment(comment), false, changeId);
    }
}
