namespace PyAirtable.Runtime.Streams;

/// <summary>A stream's identity: a namespace (<c>base</c>, <c>workspace</c>…) and a key.</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public static StreamId Create(string streamNamespace, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamNamespace);
        ArgumentNullException.ThrowIfNull(key);
        return new StreamId(streamNamespace, key);
    }

    public static StreamId Create(string streamNamespace, Guid key) => Create(streamNamespace, key.ToString());

    public override string ToString() => $"{Namespace}/{Key}";
}
