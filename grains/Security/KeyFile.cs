using System.Security.Cryptography;

namespace PyAirtable.Grains.Security;

/// <summary>The embedded mode's local key file: 32 random bytes, created once, readable and writable by its owner only.</summary>
public static class KeyFile
{
    public const int Length = 32;

    /// <exception cref="InvalidOperationException">The file exists but is not a key file.</exception>
    public static byte[] ReadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var key = RandomNumberGenerator.GetBytes(Length);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(path, options);
                stream.Write(key);
                stream.Flush(flushToDisk: true);
                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another activation created it a moment ago: use that one.
            }
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.Length == Length
            ? bytes
            : throw new InvalidOperationException($"{path} is not a PyAirtable key file ({Length} bytes); restore the original or move it away only together with the database.");
    }
}
