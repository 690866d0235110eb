using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;

namespace PyAirtable.Grains.LocalBases;

public sealed partial class LocalBaseGrain
{
    private const int MaxCommentLength = 10_000;

    public Task<CommentPage> ListCommentsAsync(string table, string recordId, int? pageSize, string? offset)
    {
        RequireLive();
        var record = Record(table, recordId);
        var size = pageSize ?? MaxPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw new BaseRequestException(BaseError.InvalidRequest, $"Invalid pageSize {size}: it must be from 1 to {MaxPageSize}.");
        }

        var newestFirst = record.Comments.Reverse().ToList();
        var start = 0;
        if (offset is { Length: > 0 })
        {
            start = newestFirst.FindIndex(c => c.Id == offset);
            if (start < 0)
            {
                throw new BaseRequestException(BaseError.IteratorNotAvailable, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
            }
        }

        var page = newestFirst.Skip(start).Take(size).ToList();
        var next = start + size < newestFirst.Count ? newestFirst[start + size].Id : null;
        return Task.FromResult(new CommentPage(page, next));
    }

    public async Task<RecordComment> CreateCommentAsync(string table, string recordId, string text, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var record = Record(table, recordId);
        var comment = new RecordComment(AirtableIds.New(AirtableIds.Comment), await ActorAsync(caller), CleanText(text), time.GetUtcNow(), null);
        await SaveCommentsAsync(record, [.. record.Comments, comment]);
        return comment;
    }

    public async Task<RecordComment> UpdateCommentAsync(string table, string recordId, string commentId, string text, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var record = Record(table, recordId);
        var comment = OwnComment(record, commentId, caller);
        var updated = comment with { Text = CleanText(text), LastUpdatedTime = time.GetUtcNow() };
        await SaveCommentsAsync(record, record.Comments.Select(c => c.Id == commentId ? updated : c).ToList());
        return updated;
    }

    public async Task DeleteCommentAsync(string table, string recordId, string commentId, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireLive();
        var record = Record(table, recordId);
        OwnComment(record, commentId, caller);
        await SaveCommentsAsync(record, record.Comments.Where(c => c.Id != commentId).ToList());
    }

    private LocalRecord Record(string table, string recordId)
    {
        var model = _schema.Table(table);
        return _data.Get(recordId) is { } found && found.TableId == model.Id
            ? found
            : throw new BaseRequestException(BaseError.RecordNotFound, $"Could not find record {recordId} in table {model.Name}");
    }

    private static RecordComment OwnComment(LocalRecord record, string commentId, Caller caller)
    {
        var comment = record.Comments.FirstOrDefault(c => c.Id == commentId)
            ?? throw new BaseRequestException(BaseError.RecordNotFound, $"Could not find comment {commentId} on record {record.Id}");
        return comment.Author.Id == caller.UserId ? comment : throw new ForbiddenException("Only the author of a comment may change or delete it.");
    }

    private static string CleanText(string? text)
    {
        var clean = text?.Trim() ?? "";
        if (clean.Length == 0)
        {
            throw new BaseRequestException(BaseError.InvalidRequest, "A comment needs text.");
        }

        return clean.Length <= MaxCommentLength ? clean : throw new BaseRequestException(BaseError.InvalidRequest, $"A comment is at most {MaxCommentLength} characters.");
    }

    private async Task SaveCommentsAsync(LocalRecord record, IReadOnlyList<RecordComment> comments)
    {
        var changes = new BaseChangeSet(_data, _schema, time.GetUtcNow(), null);
        changes.Put(record with { Comments = comments });
        await CommitAsync(changes);
    }
}
