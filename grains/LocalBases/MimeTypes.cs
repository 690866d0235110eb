namespace PyAirtable.Grains.LocalBases;

/// <summary>The content type an attachment's file name suggests (no file is fetched).</summary>
public static class MimeTypes
{
    private static readonly Dictionary<string, string> _byExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".svg"] = "image/svg+xml",
        [".pdf"] = "application/pdf",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".zip"] = "application/zip",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".mp4"] = "video/mp4",
        [".mp3"] = "audio/mpeg",
    };

    public static string Guess(string filename) =>
        _byExtension.TryGetValue(Path.GetExtension(filename ?? ""), out var type) ? type : "application/octet-stream";
}
