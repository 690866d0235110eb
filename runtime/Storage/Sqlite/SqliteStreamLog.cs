using Microsoft.Data.Sqlite;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>
/// The stream log in <c>stream_events</c>, with each stream's last sequence number in
/// <c>stream_heads</c>. Appends run on the single writer, so sequence numbers are consecutive
/// without further locking, and an event id already in the stream is skipped rather than stored twice.
/// </summary>
public sealed class SqliteStreamLog : IStreamLog
{
    private const string LastSequenceSql = "SELECT last_seq FROM stream_heads WHERE ns = $ns AND key = $key";

    private readonly SqliteDatabase _database;

    internal SqliteStreamLog(SqliteDatabase database) => _database = database;

    public async Task<long> AppendAsync(StreamId streamId, IReadOnlyList<StreamEventData> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return await ReadLastSequenceAsync(streamId, cancellationToken).ConfigureAwait(false);
        }

        return await _database.WriteAsync(connection => Append(connection, streamId, events), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(StreamId streamId, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        if (maxCount <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, event_id, payload_type, payload, created_at FROM stream_events
            WHERE ns = $ns AND key = $key AND seq > $after ORDER BY seq LIMIT $max
            """;
        command.Parameters.AddWithValue("$ns", streamId.Namespace);
        command.Parameters.AddWithValue("$key", streamId.Key);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$max", maxCount);
        var events = new List<StoredStreamEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredStreamEvent(
                streamId,
                reader.GetInt64(0),
                Guid.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return events;
    }

    public async Task<IReadOnlyList<StreamHead>> ReadHeadsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ns, key, last_seq FROM stream_heads WHERE last_seq > 0";
        var heads = new List<StreamHead>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            heads.Add(new StreamHead(new StreamId(reader.GetString(0), reader.GetString(1)), reader.GetInt64(2)));
        }

        return heads;
    }

    public Task AddSubscriptionAsync(StreamSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return _database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO stream_subscriptions (id, ns, key, grain_id) VALUES ($id, $ns, $key, $grain) ON CONFLICT (id) DO NOTHING";
                command.Parameters.AddWithValue("$id", subscription.SubscriptionId.ToString());
                command.Parameters.AddWithValue("$ns", subscription.StreamId.Namespace);
                command.Parameters.AddWithValue("$key", subscription.StreamId.Key);
                command.Parameters.AddWithValue("$grain", subscription.Subscriber.ToString());
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task RemoveSubscriptionAsync(Guid subscriptionId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM stream_subscriptions WHERE id = $id";
                command.Parameters.AddWithValue("$id", subscriptionId.ToString());
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    public async Task<IReadOnlyList<StreamSubscriptionRecord>> ReadSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, ns, key, grain_id FROM stream_subscriptions";
        var subscriptions = new List<StreamSubscriptionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            subscriptions.Add(new StreamSubscriptionRecord(
                Guid.Parse(reader.GetString(0)),
                new StreamId(reader.GetString(1), reader.GetString(2)),
                GrainId.Parse(reader.GetString(3))));
        }

        return subscriptions;
    }

    public async Task<IReadOnlyList<SubscriberCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ns, key, subscriber, seq, parked_error FROM stream_checkpoints";
        var checkpoints = new List<SubscriberCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            checkpoints.Add(new SubscriberCheckpoint(
                new StreamId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return checkpoints;
    }

    public Task SaveCheckpointsAsync(IReadOnlyList<SubscriberCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (checkpoints.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _database.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO stream_checkpoints (ns, key, subscriber, seq, parked_error) VALUES ($ns, $key, $subscriber, $seq, $parked)
                    ON CONFLICT (ns, key, subscriber) DO UPDATE SET seq = excluded.seq, parked_error = excluded.parked_error
                    """;
                var ns = command.Parameters.Add("$ns", SqliteType.Text);
                var key = command.Parameters.Add("$key", SqliteType.Text);
                var subscriber = command.Parameters.Add("$subscriber", SqliteType.Text);
                var seq = command.Parameters.Add("$seq", SqliteType.Integer);
                var parked = command.Parameters.Add("$parked", SqliteType.Text);
                foreach (var checkpoint in checkpoints)
                {
                    ns.Value = checkpoint.StreamId.Namespace;
                    key.Value = checkpoint.StreamId.Key;
                    subscriber.Value = checkpoint.SubscriberKey;
                    seq.Value = checkpoint.Sequence;
                    parked.Value = (object?)checkpoint.ParkedError ?? DBNull.Value;
                    command.ExecuteNonQuery();
                }

                return checkpoints.Count;
            },
            cancellationToken);
    }

    private static long Append(SqliteConnection connection, StreamId streamId, IReadOnlyList<StreamEventData> events)
    {
        var fresh = FreshEvents(connection, streamId, events);
        using var head = connection.CreateCommand();
        head.Parameters.AddWithValue("$ns", streamId.Namespace);
        head.Parameters.AddWithValue("$key", streamId.Key);
        if (fresh.Count == 0)
        {
            head.CommandText = LastSequenceSql;
            return head.ExecuteScalar() is long stored ? stored : 0;
        }

        head.CommandText = """
            INSERT INTO stream_heads (ns, key, last_seq) VALUES ($ns, $key, $count)
            ON CONFLICT (ns, key) DO UPDATE SET last_seq = last_seq + excluded.last_seq
            RETURNING last_seq
            """;
        head.Parameters.AddWithValue("$count", fresh.Count);
        var last = (long)head.ExecuteScalar()!;
        Insert(connection, streamId, fresh, last - fresh.Count);
        return last;
    }

    /// <summary>The events whose ids are not yet in the stream (nor earlier in the batch), in order: appending the rest again is a no-op.</summary>
    private static List<StreamEventData> FreshEvents(SqliteConnection connection, StreamId streamId, IReadOnlyList<StreamEventData> events)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT 1 FROM stream_events WHERE ns = $ns AND key = $key AND event_id = $eventId";
        exists.Parameters.AddWithValue("$ns", streamId.Namespace);
        exists.Parameters.AddWithValue("$key", streamId.Key);
        var eventId = exists.Parameters.Add("$eventId", SqliteType.Text);
        var seen = new HashSet<Guid>();
        var fresh = new List<StreamEventData>(events.Count);
        foreach (var e in events)
        {
            eventId.Value = e.EventId.ToString();
            if (seen.Add(e.EventId) && exists.ExecuteScalar() is null)
            {
                fresh.Add(e);
            }
        }

        return fresh;
    }

    private static void Insert(SqliteConnection connection, StreamId streamId, List<StreamEventData> events, long afterSequence)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO stream_events (ns, key, seq, event_id, payload_type, payload, created_at)
            VALUES ($ns, $key, $seq, $eventId, $payloadType, $payload, $createdAt)
            """;
        insert.Parameters.AddWithValue("$ns", streamId.Namespace);
        insert.Parameters.AddWithValue("$key", streamId.Key);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var eventId = insert.Parameters.Add("$eventId", SqliteType.Text);
        var payloadType = insert.Parameters.Add("$payloadType", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        var createdAt = insert.Parameters.Add("$createdAt", SqliteType.Integer);
        var sequence = afterSequence;
        foreach (var e in events)
        {
            seq.Value = ++sequence;
            eventId.Value = e.EventId.ToString();
            payloadType.Value = e.PayloadType;
            payload.Value = e.Payload;
            createdAt.Value = e.Timestamp.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
        }
    }

    private async Task<long> ReadLastSequenceAsync(StreamId streamId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = LastSequenceSql;
        command.Parameters.AddWithValue("$ns", streamId.Namespace);
        command.Parameters.AddWithValue("$key", streamId.Key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long last ? last : 0;
    }
}
