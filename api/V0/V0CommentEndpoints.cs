using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Runtime;

namespace PyAirtable.Api.V0;

/// <summary><c>/v0/{baseId}/{table}/{recordId}/comments</c>: record comments.</summary>
public static class V0CommentEndpoints
{
    public static RouteGroupBuilder MapV0CommentEndpoints(this RouteGroupBuilder v0)
    {
        ArgumentNullException.ThrowIfNull(v0);
        var comments = v0.MapGroup("/{baseId}/{table}/{recordId}/comments");
        comments.MapGet("/", ListAsync).WithName("V0ListComments");
        comments.MapPost("/", CreateAsync).WithName("V0CreateComment");
        comments.MapPatch("/{commentId}", UpdateAsync).WithName("V0UpdateComment");
        comments.MapDelete("/{commentId}", DeleteAsync).WithName("V0DeleteComment");
        return v0;
    }

    public static async Task<IResult> ListAsync(string baseId, string table, string recordId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Viewer);
        var page = await opened.Base.ListCommentsAsync(V0RecordEndpoints.TableName(table), recordId,
            V0Parameters.WholeNumber(V0Parameters.One(context.Request.Query, "pageSize"), "pageSize"), V0Parameters.One(context.Request.Query, "offset"));
        return V0Json.Ok(new { comments = page.Comments.Select(V0Json.Comment).ToList(), offset = page.Offset });
    }

    public static async Task<IResult> CreateAsync(string baseId, string table, string recordId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Editor);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        var comment = await opened.Base.CreateCommentAsync(V0RecordEndpoints.TableName(table), recordId, V0Parameters.Text(body, "text") ?? "", opened.Caller);
        return V0Json.Ok(V0Json.Comment(comment));
    }

    public static async Task<IResult> UpdateAsync(string baseId, string table, string recordId, string commentId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Editor);
        var body = await V0Parameters.ReadBodyAsync(context.Request);
        var comment = await opened.Base.UpdateCommentAsync(V0RecordEndpoints.TableName(table), recordId, commentId, V0Parameters.Text(body, "text") ?? "", opened.Caller);
        return V0Json.Ok(V0Json.Comment(comment));
    }

    public static async Task<IResult> DeleteAsync(string baseId, string table, string recordId, string commentId, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await V0Access.OpenAsync(context, grains, baseId, WorkspaceRole.Editor);
        await opened.Base.DeleteCommentAsync(V0RecordEndpoints.TableName(table), recordId, commentId, opened.Caller);
        return V0Json.Ok(new { id = commentId, deleted = true });
    }
}
