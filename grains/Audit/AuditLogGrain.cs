using System.Globalization;
using PyAirtable.GrainInterfaces.Audit;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Grains.Audit;

/// <summary>
/// The single writer of the audit chain: receives the <c>audit</c> stream, appends each event to
/// the current chunk, then records the chain's head. A crash between the two re-delivers the
/// event, which recomputes the same entry and is skipped by the chunk.
/// </summary>
[ImplicitStreamSubscription(AuditStreams.Namespace)]
public sealed class AuditLogGrain([PersistentState("auditlog")] IPersistentState<AuditLogState> state) : Grain, IAuditLogGrain
{
    public const int ChunkSize = 256;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = GetStreamProvider(GrainStorageNames.Default).GetStream<AuditEvent>(StreamId.Create(AuditStreams.Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((auditEvent, _) => AppendAsync(auditEvent));
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(string? workspaceId, int limit)
    {
        var result = new List<AuditEntry>();
        for (var chunk = ChunkOf(state.State.LastSequence); chunk >= 0 && result.Count < limit; chunk--)
        {
            var entries = await Chunk(chunk).ReadAsync();
            result.AddRange(entries.Reverse().Where(e => workspaceId is null || e.Event.WorkspaceId == workspaceId).Take(limit - result.Count));
        }

        return result;
    }

    public async Task<AuditVerification> VerifyAsync()
    {
        var all = new List<AuditEntry>();
        for (var chunk = 0L; chunk <= ChunkOf(state.State.LastSequence); chunk++)
        {
            all.AddRange(await Chunk(chunk).ReadAsync());
        }

        var result = AuditChain.Verify(all);
        if (result.Valid && result.EntriesChecked != state.State.LastSequence)
        {
            return new AuditVerification(false, result.EntriesChecked, result.EntriesChecked + 1, $"Entry {result.EntriesChecked + 1} is missing: the log ends early.");
        }

        // Nothing links to the newest entry, so only the head recorded by the writer shows that it
        // was rewritten with a recomputed hash.
        if (result.Valid && all.Count > 0 && all[^1].Hash != state.State.LastHash)
        {
            return new AuditVerification(false, result.EntriesChecked - 1, all[^1].Sequence, $"Entry {all[^1].Sequence} does not match the head of the chain recorded when it was written.");
        }

        return result;
    }

    private async Task AppendAsync(AuditEvent auditEvent)
    {
        var sequence = state.State.LastSequence + 1;
        var entry = AuditChain.Append(sequence, auditEvent, state.State.LastHash);
        await Chunk(ChunkOf(sequence)).AppendAsync([entry]);
        state.State = new AuditLogState { LastSequence = sequence, LastHash = entry.Hash };
        await state.WriteStateAsync();
    }

    private static long ChunkOf(long sequence) => Math.Max(0, sequence - 1) / ChunkSize;

    private IAuditChunkGrain Chunk(long index) =>
        GrainFactory.GetGrain<IAuditChunkGrain>(this.GetPrimaryKeyString() + ":" + index.ToString(CultureInfo.InvariantCulture));
}
