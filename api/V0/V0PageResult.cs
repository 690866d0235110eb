using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using PyAirtable.GrainInterfaces.LocalBases;

namespace PyAirtable.Api.V0;

/// <summary>
/// A list-records answer sent as the base wrote it: <c>{"records":[…],"offset":"…"}</c>,
/// byte for byte what <see cref="V0Json"/> would serialize, without building it again.
/// </summary>
public sealed class V0PageResult(RecordPageJson page) : IResult
{
    private static readonly byte[] _open = "{\"records\":"u8.ToArray();
    private static readonly byte[] _offset = ",\"offset\":\""u8.ToArray();
    private static readonly byte[] _close = "}"u8.ToArray();
    private static readonly byte[] _offsetClose = "\"}"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var offset = page.Offset is { } text ? Encoding.UTF8.GetBytes(text) : null;
        response.ContentLength = _open.Length + page.Records.Length + (offset is null ? _close.Length : _offset.Length + offset.Length + _offsetClose.Length);
        var body = response.BodyWriter;
        body.Write(_open);
        body.Write(page.Records.Span);
        if (offset is null)
        {
            body.Write(_close);
        }
        else
        {
            body.Write(_offset);
            body.Write(offset);
            body.Write(_offsetClose);
        }

        await body.FlushAsync(httpContext.RequestAborted);
    }
}
