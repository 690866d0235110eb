using Microsoft.Data.Sqlite;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Storage.Sqlite;

/// <summary>
/// The stream log in <c>stream_events</c>, with each stream's last sequence number in
/// <c>stream_heads</c>. Appends run on the single writer, so sequence numbers are consecutive
/// without further locking, and an event id already in the stream is skipped rather than stored twice.
/// </summary>
public sealed class SqliteStreamLog : IStreamLog, IDisposable
{
    private const string LastSequenceSql = "SELECT last_seq FROM stream_heads WHERE ns = $ns AND key = $key";

    private readonly SqliteDatabase _database;
    private AppendCommands? _append;

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

    /// <summary>Releases the prepared append statements; called once the writer has stopped.</summary>
    public void Dispose() => _append?.Dispose();

    private long Append(SqliteConnection connection, StreamId streamId, IReadOnlyList<StreamEventData> events)
    {
        // Only the writer thread appends, so one set of prepared statements serves every append.
        if (_append?.Connection != connection)
        {
            _append?.Dispose();
            _append = new AppendCommands(connection);
        }

        return _append.Run(streamId, events);
    }

    /// <summary>
    /// The append's three statements, prepared once on the writer connection: preparing them on
    /// every append cost more than running them.
    /// </summary>
    private sealed class AppendCommands : IDisposable
    {
        private readonly SqliteCommand _exists;
        private readonly SqliteCommand _head;
        private readonly SqliteCommand _last;
        private readonly SqliteCommand _insert;

        public AppendCommands(SqliteConnection connection)
        {
            Connection = connection;
            _exists = Prepare(connection, "SELECT 1 FROM stream_events WHERE ns = $ns AND key = $key AND event_id = $eventId", "$eventId");
            _head = Prepare(connection, """
                INSERT INTO stream_heads (ns, key, last_seq) VALUES ($ns, $key, $count)
                ON CONFLICT (ns, key) DO UPDATE SET last_seq = last_seq + excluded.last_seq
                RETURNING last_seq
                """, "$count");
            _last = Prepare(connection, LastSequenceSql);
            _insert = Prepare(connection, """
                INSERT INTO stream_events (ns, key, seq, event_id, payload_type, payload, created_at)
                VALUES ($ns, $key, $seq, $eventId, $payloadType, $payload, $createdAt)
                """, "$seq", "$eventId", "$payloadType", "$payload", "$createdAt");
        }

        public SqliteConnection Connection { get; }

        public long Run(StreamId streamId, IReadOnlyList<StreamEventData> events)
        {
            var fresh = FreshEvents(streamId, events);
            if (fresh.Count == 0)
            {
                Bind(_last, streamId);
                return _last.ExecuteScalar() is long stored ? stored : 0;
            }

            Bind(_head, streamId);
            _head.Parameters["$count"].Value = fresh.Count;
            var last = (long)_head.ExecuteScalar()!;
            Bind(_insert, streamId);
            var sequence = last - fresh.Count;
            foreach (var e in fresh)
            {
                _insert.Parameters["$seq"].Value = ++sequence;
                _insert.Parameters["$eventId"].Value = e.EventId.ToString();
                _insert.Parameters["$payloadType"].Value = e.PayloadType;
                _insert.Parameters["$payload"].Value = e.Payload;
                _insert.Parameters["$createdAt"].Value = e.Timestamp.ToUnixTimeMilliseconds();
                _insert.ExecuteNonQuery();
            }

            return last;
        }

        public void Dispose()
        {
            _exists.Dispose();
            _head.Dispose();
            _last.Dispose();
            _insert.Dispose();
        }

        /// <summary>The events whose ids are not yet in the stream (nor earlier in the batch), in order: appending the rest again is a no-op.</summary>
        private List<StreamEventData> FreshEvents(StreamId streamId, IReadOnlyList<StreamEventData> events)
        {
            Bind(_exists, streamId);
            var seen = new HashSet<Guid>();
            var fresh = new List<StreamEventData>(events.Count);
            foreach (var e in events)
            {
                _exists.Parameters["$eventId"].Value = e.EventId.ToString();
                if (seen.Add(e.EventId) && _exists.ExecuteScalar() is null)
                {
                    fresh.Add(e);
                }
            }

            return fresh;
        }

        private static void Bind(SqliteCommand command, StreamId streamId)
        {
            command.Parameters["$ns"].Value = streamId.Namespace;
            command.Parameters["$key"].Value = streamId.Key;
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("$ns", SqliteType.Text);
            command.Parameters.Add("$key", SqliteType.Text);
            foreach (var name in parameters)
            {
                command.Parameters.Add(name, name is "$count" or "$seq" or "$createdAt" ? SqliteType.Integer : SqliteType.Text);
            }

            command.Prepare();
            return command;
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
