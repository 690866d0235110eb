using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using static PyAirtable.Grains.Tests.Build;

namespace PyAirtable.Grains.Tests;

/// <summary>Record comments: create, list newest first with paging, edit and delete by their author only.</summary>
public sealed class CommentTests : IAsyncLifetime
{
    private LocalBaseSilo _silo = null!;
    private ILocalBaseGrain _base = null!;
    private string _record = "";

    public async Task InitializeAsync()
    {
        _silo = await LocalBaseSilo.StartAsync();
        _base = await _silo.NewBaseAsync(Table("Tasks", Field("Name", FieldTypes.SingleLineText)));
        _record = (await _base.WriteRecordsAsync("Tasks", [Create(("Name", "a"))], new WriteOptions(), _silo.Owner)).Single().Id;
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task ACommentIsStoredWithItsAuthorAndTimeAndListedNewestFirst()
    {
        var first = await _base.CreateCommentAsync("Tasks", _record, "  first  ", _silo.Owner);
        _silo.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _base.CreateCommentAsync("Tasks", _record, "second", _silo.Owner);

        Assert.Equal("first", first.Text);
        Assert.Equal(_silo.Owner.UserId, first.Author.Id);
        Assert.Equal(await _silo.EmailOfAsync(_silo.Owner.UserId), first.Author.Email);
        Assert.Equal(_silo.Clock.GetUtcNow() - TimeSpan.FromMinutes(1), first.CreatedTime);
        Assert.Null(first.LastUpdatedTime);
        var page = await _base.ListCommentsAsync("Tasks", _record, null, null);
        Assert.Equal(new[] { second.Id, first.Id }, page.Comments.Select(c => c.Id));
        Assert.Null(page.Offset);
        var counted = (await _base.ListRecordsAsync("Tasks", new RecordQuery { IncludeCommentCount = true })).Records.Single();
        Assert.Equal(2, counted.CommentCount);
    }

    [Fact]
    public async Task CommentsPageWithAnOffset()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Insert(0, (await _base.CreateCommentAsync("Tasks", _record, "c" + i, _silo.Owner)).Id);
        }

        var seen = new List<string>();
        string? offset = null;
        do
        {
            var page = await _base.ListCommentsAsync("Tasks", _record, 2, offset);
            Assert.True(page.Comments.Count <= 2);
            seen.AddRange(page.Comments.Select(c => c.Id));
            offset = page.Offset;
        }
        while (offset is not null);

        Assert.Equal(ids, seen);
        Assert.Equal(BaseError.IteratorNotAvailable, (await Assert.ThrowsAsync<BaseRequestException>(() => _base.ListCommentsAsync("Tasks", _record, 2, "comNotThereAtAll1"))).Error);
        Assert.Equal(BaseError.InvalidRequest, (await Assert.ThrowsAsync<BaseRequestException>(() => _base.ListCommentsAsync("Tasks", _record, 101, null))).Error);
    }

    [Fact]
    public async Task TheAuthorEditsACommentAndItRecordsWhen()
    {
        var comment = await _base.CreateCommentAsync("Tasks", _record, "draft", _silo.Owner);
        _silo.Clock.Advance(TimeSpan.FromMinutes(5));
        var edited = await _base.UpdateCommentAsync("Tasks", _record, comment.Id, "final", _silo.Owner);
        Assert.Equal("final", edited.Text);
        Assert.Equal(_silo.Clock.GetUtcNow(), edited.LastUpdatedTime);
        Assert.Equal(comment.CreatedTime, edited.CreatedTime);
        Assert.Equal("final", (await _base.ListCommentsAsync("Tasks", _record, null, null)).Comments.Single().Text);
    }

    [Fact]
    public async Task OnlyTheAuthorMayEditOrDeleteAComment()
    {
        var (editor, _) = await _silo.NewMemberAsync("editor", _silo.WorkspaceId);
        var mine = await _base.CreateCommentAsync("Tasks", _record, "owner's", _silo.Owner);
        var theirs = await _base.CreateCommentAsync("Tasks", _record, "editor's", editor);

        await Assert.ThrowsAsync<ForbiddenException>(() => _base.UpdateCommentAsync("Tasks", _record, mine.Id, "hijacked", editor));
        await Assert.ThrowsAsync<ForbiddenException>(() => _base.DeleteCommentAsync("Tasks", _record, mine.Id, editor));
        await Assert.ThrowsAsync<ForbiddenException>(() => _base.DeleteCommentAsync("Tasks", _record, theirs.Id, _silo.Owner));
        await _base.DeleteCommentAsync("Tasks", _record, theirs.Id, editor);

        var left = (await _base.ListCommentsAsync("Tasks", _record, null, null)).Comments.Single();
        Assert.Equal(mine.Id, left.Id);
        Assert.Equal("owner's", left.Text);
    }

    [Fact]
    public async Task EmptyTextMissingRecordsAndMissingCommentsAreRefused()
    {
        Assert.Equal(BaseError.InvalidRequest, (await Assert.ThrowsAsync<BaseRequestException>(() => _base.CreateCommentAsync("Tasks", _record, "   ", _silo.Owner))).Error);
        Assert.Equal(BaseError.InvalidRequest, (await Assert.ThrowsAsync<BaseRequestException>(() => _base.CreateCommentAsync("Tasks", _record, new string('x', 10_001), _silo.Owner))).Error);
        Assert.Equal(BaseError.RecordNotFound, (await Assert.ThrowsAsync<BaseRequestException>(() => _base.CreateCommentAsync("Tasks", "recNotThereAtAll1", "hi", _silo.Owner))).Error);
        Assert.Equal(BaseError.RecordNotFound, (await Assert.ThrowsAsync<BaseRequestException>(() => _base.UpdateCommentAsync("Tasks", _record, "comNotThereAtAll1", "hi", _silo.Owner))).Error);
        Assert.Empty((await _base.ListCommentsAsync("Tasks", _record, null, null)).Comments);
    }

    [Fact]
    public async Task CommentsGoWithTheirRecordWhenItIsDeleted()
    {
        await _base.CreateCommentAsync("Tasks", _record, "bye", _silo.Owner);
        await _base.DeleteRecordsAsync("Tasks", [_record], _silo.Owner);
        Assert.Equal(BaseError.RecordNotFound, (await Assert.ThrowsAsync<BaseRequestException>(() => _base.ListCommentsAsync("Tasks", _record, null, null))).Error);
    }
}
