using Npgsql;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Storage.Postgres;

/// <summary>
/// The stream log in <c>stream_events</c>, with each stream's last sequence number in
/// <c>stream_heads</c>. An append locks the stream's head row until commit, so concurrent
/// appenders to the same stream queue behind each other, then inserts the events whose ids the
/// stream does not hold yet, numbered from the head: appending an event again is a no-op.
/// </summary>
public sealed class PostgresStreamLog : IStreamLog
{
    private readonly PostgresDatabase _database;

    internal PostgresStreamLog(PostgresDatabase database) => _database = database;

    public async Task<long> AppendAsync(StreamId streamId, IReadOnlyList<StreamEventData> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            await using var read = _database.CreateCommand("SELECT last_seq FROM stream_heads WHERE ns = $1 AND key = $2");
            read.Parameters.AddWithValue(streamId.Namespace);
            read.Parameters.AddWithValue(streamId.Key);
            return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long last ? last : 0;
        }

        // One round trip, one implicit transaction. The first statement locks the head row, so
        // appenders to the same stream queue there; the second then takes a snapshot that sees
        // every event they committed, skips the ids already stored, numbers the rest from the head
        // and moves it. In one statement the snapshot would predate the wait for the lock.
        await using var batch = _database.DataSource.CreateBatch();
        var lockHead = new NpgsqlBatchCommand("""
            INSERT INTO stream_heads AS h (ns, key, last_seq) VALUES ($1, $2, 0)
            ON CONFLICT (ns, key) DO UPDATE SET last_seq = h.last_seq
            """);
        lockHead.Parameters.AddWithValue(streamId.Namespace);
        lockHead.Parameters.AddWithValue(streamId.Key);
        var append = new NpgsqlBatchCommand("""
            WITH batch AS (
                SELECT e.*, row_number() OVER (PARTITION BY e.event_id ORDER BY e.ord) AS copy
                FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bigint[]) WITH ORDINALITY AS e(event_id, payload_type, payload, created_at, ord)),
            fresh AS (
                SELECT b.*, row_number() OVER (ORDER BY b.ord) AS n FROM batch AS b
                WHERE b.copy = 1 AND NOT EXISTS (SELECT 1 FROM stream_events AS s WHERE s.ns = $1 AND s.key = $2 AND s.event_id = b.event_id)),
            appended AS (
                INSERT INTO stream_events (ns, key, seq, event_id, payload_type, payload, created_at)
                SELECT $1, $2, h.last_seq + f.n, f.event_id, f.payload_type, f.payload, f.created_at
                FROM stream_heads AS h, fresh AS f WHERE h.ns = $1 AND h.key = $2)
            UPDATE stream_heads SET last_seq = last_seq + (SELECT count(*) FROM fresh)
            WHERE ns = $1 AND key = $2
            RETURNING last_seq
            """);
        append.Parameters.AddWithValue(streamId.Namespace);
        append.Parameters.AddWithValue(streamId.Key);
        append.Parameters.AddWithValue(events.Select(e => e.EventId).ToArray());
        append.Parameters.AddWithValue(events.Select(e => e.PayloadType).ToArray());
        append.Parameters.AddWithValue(events.Select(e => e.Payload).ToArray());
        append.Parameters.AddWithValue(events.Select(e => e.Timestamp.ToUnixTimeMilliseconds()).ToArray());
        batch.BatchCommands.Add(lockHead);
        batch.BatchCommands.Add(append);
        return (long)(await batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(StreamId streamId, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        if (maxCount <= 0)
        {
            return [];
        }

        await using var command = _database.CreateCommand("""
            SELECT seq, event_id, payload_type, payload, created_at FROM stream_events
            WHERE ns = $1 AND key = $2 AND seq > $3 ORDER BY seq LIMIT $4
            """);
        command.Parameters.AddWithValue(streamId.Namespace);
        command.Parameters.AddWithValue(streamId.Key);
        command.Parameters.AddWithValue(afterSequence);
        command.Parameters.AddWithValue((long)maxCount);
        var events = new List<StoredStreamEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredStreamEvent(
                streamId,
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return events;
    }

    public async Task<IReadOnlyList<StreamHead>> ReadHeadsAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("SELECT ns, key, last_seq FROM stream_heads WHERE last_seq > 0");
        var heads = new List<StreamHead>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            heads.Add(new StreamHead(new StreamId(reader.GetString(0), reader.GetString(1)), reader.GetInt64(2)));
        }

        return heads;
    }

    public async Task AddSubscriptionAsync(StreamSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var command = _database.CreateCommand("INSERT INTO stream_subscriptions (id, ns, key, grain_id) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING");
        command.Parameters.AddWithValue(subscription.SubscriptionId);
        command.Parameters.AddWithValue(subscription.StreamId.Namespace);
        command.Parameters.AddWithValue(subscription.StreamId.Key);
        command.Parameters.AddWithValue(subscription.Subscriber.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveSubscriptionAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("DELETE FROM stream_subscriptions WHERE id = $1");
        command.Parameters.AddWithValue(subscriptionId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StreamSubscriptionRecord>> ReadSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("SELECT id, ns, key, grain_id FROM stream_subscriptions");
        var subscriptions = new List<StreamSubscriptionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            subscriptions.Add(new StreamSubscriptionRecord(
                reader.GetGuid(0),
                new StreamId(reader.GetString(1), reader.GetString(2)),
                GrainId.Parse(reader.GetString(3))));
        }

        return subscriptions;
    }

    public async Task<IReadOnlyList<SubscriberCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("SELECT ns, key, subscriber, seq, parked_error FROM stream_checkpoints");
        var checkpoints = new List<SubscriberCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            checkpoints.Add(new SubscriberCheckpoint(
                new StreamId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetInt64(3),
                await reader.IsDBNullAsync(4, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(4)));
        }

        return checkpoints;
    }

    public async Task SaveCheckpointsAsync(IReadOnlyList<SubscriberCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (checkpoints.Count == 0)
        {
            return;
        }

        // One row per (stream, subscriber), the last one given winning: a statement may not upsert a row twice.
        var rows = checkpoints
            .GroupBy(c => (c.StreamId, c.SubscriberKey))
            .Select(g => g.Last())
            .ToArray();
        await using var command = _database.CreateCommand("""
            INSERT INTO stream_checkpoints (ns, key, subscriber, seq, parked_error)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])
            ON CONFLICT (ns, key, subscriber) DO UPDATE SET seq = EXCLUDED.seq, parked_error = EXCLUDED.parked_error
            """);
        command.Parameters.AddWithValue(rows.Select(c => c.StreamId.Namespace).ToArray());
        command.Parameters.AddWithValue(rows.Select(c => c.StreamId.Key).ToArray());
        command.Parameters.AddWithValue(rows.Select(c => c.SubscriberKey).ToArray());
        command.Parameters.AddWithValue(rows.Select(c => c.Sequence).ToArray());
        command.Parameters.AddWithValue(rows.Select(c => c.ParkedError).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
