using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime.Tests.Storage;

/// <summary>
/// What every <see cref="IRuntimeStorage"/> promises, run against each provider by a subclass
/// that says how to create one. Every test uses fresh grain ids and stream keys, so tests never
/// see each other's data even when they share a database.
/// </summary>
public abstract class RuntimeStorageContract : IAsyncLifetime
{
    private const string StateName = "contract";
    private const string RowCollection = "records";

    private IRuntimeStorage? _storage;

    protected IRuntimeStorage Storage => _storage ?? throw new InvalidOperationException("The storage is created by InitializeAsync.");

    private IGrainStorage Grains => Storage.GrainStorage;

    private IGrainRowStorage Rows => Storage.Rows;

    public virtual async Task InitializeAsync()
    {
        _storage = CreateStorage();
        await _storage.InitializeAsync(CancellationToken.None);
    }

    public virtual async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReadingStateThatWasNeverWrittenGivesTheDefaultStateAndNoEtag()
    {
        var state = new GrainState<Counter>(new Counter { Count = 99 }) { ETag = "7", RecordExists = true };

        await Grains.ReadStateAsync(StateName, NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State.Count);
        Assert.Empty(state.State.Items);
    }

    [Fact]
    public async Task AWrittenStateReadsBackEqual()
    {
        var grain = NewGrain();
        var written = new GrainState<Counter>(new Counter { Count = 3, Items = ["a", "b", "ünïcødé \"quoted\""] });

        await Grains.WriteStateAsync(StateName, grain, written);
        var read = await ReadAsync<Counter>(grain);

        Assert.True(written.RecordExists);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(3, read.State.Count);
        Assert.Equal(["a", "b", "ünïcødé \"quoted\""], read.State.Items);
    }

    [Fact]
    public async Task StatesWithTheSameGrainButAnotherNameAreSeparate()
    {
        var grain = NewGrain();
        await Grains.WriteStateAsync(StateName, grain, new GrainState<Counter>(new Counter { Count = 1 }));

        var other = new GrainState<Counter>(new Counter());
        await Grains.ReadStateAsync("other", grain, other);

        Assert.False(other.RecordExists);
    }

    [Fact]
    public async Task EveryWriteChangesTheEtag()
    {
        var grain = NewGrain();
        var state = new GrainState<Counter>(new Counter());
        var etags = new List<string?>();
        for (var i = 1; i <= 3; i++)
        {
            state.State.Count = i;
            await Grains.WriteStateAsync(StateName, grain, state);
            etags.Add(state.ETag);
        }

        Assert.All(etags, Assert.NotNull);
        Assert.Equal(3, etags.Distinct().Count());
        Assert.Equal(etags[^1], (await ReadAsync<Counter>(grain)).ETag);
    }

    [Fact]
    public async Task WritingWithAStaleEtagThrowsAndKeepsTheStoredState()
    {
        var grain = NewGrain();
        var current = new GrainState<Counter>(new Counter { Count = 1 });
        await Grains.WriteStateAsync(StateName, grain, current);
        var stale = await ReadAsync<Counter>(grain);
        var staleEtag = stale.ETag;
        current.State.Count = 2;
        await Grains.WriteStateAsync(StateName, grain, current);

        stale.State.Count = 100;
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.WriteStateAsync(StateName, grain, stale));

        Assert.Equal(current.ETag, error.StoredEtag);
        Assert.Equal(staleEtag, error.CurrentEtag);
        Assert.Equal(staleEtag, stale.ETag);
        var stored = await ReadAsync<Counter>(grain);
        Assert.Equal(2, stored.State.Count);
        Assert.Equal(current.ETag, stored.ETag);
    }

    [Fact]
    public async Task WritingWithAnEtagWhenNothingIsStoredThrows()
    {
        var state = new GrainState<Counter>(new Counter { Count = 1 }) { ETag = "1" };

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.WriteStateAsync(StateName, NewGrain(), state));

        Assert.Null(error.StoredEtag);
        Assert.Equal("1", error.CurrentEtag);
    }

    [Fact]
    public async Task OfTwoWritersCreatingTheSameStateExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var grain = NewGrain();
            var writers = Enumerable.Range(1, 2).Select(n => new GrainState<Counter>(new Counter { Count = n })).ToArray();

            var outcomes = await Task.WhenAll(writers.Select(state => TryWriteAsync(grain, state)));

            Assert.Single(outcomes, won => won);
            var winner = writers[Array.IndexOf(outcomes, true)];
            var stored = await ReadAsync<Counter>(grain);
            Assert.Equal(winner.State.Count, stored.State.Count);
            Assert.Equal(winner.ETag, stored.ETag);
        }
    }

    [Fact]
    public async Task ClearingResetsTheRecordAndGivesItANewEtag()
    {
        var grain = NewGrain();
        var state = new GrainState<Counter>(new Counter { Count = 5 });
        await Grains.WriteStateAsync(StateName, grain, state);
        var written = state.ETag;

        await Grains.ClearStateAsync(StateName, grain, state);

        Assert.NotNull(state.ETag);
        Assert.NotEqual(written, state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Count);
        var read = await ReadAsync<Counter>(grain);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(0, read.State.Count);
        Assert.Empty(read.State.Items);

        state.State.Count = 6;
        await Grains.WriteStateAsync(StateName, grain, state);
        Assert.Equal(6, (await ReadAsync<Counter>(grain)).State.Count);
    }

    [Fact]
    public async Task AnEtagFromBeforeAClearNeverMatchesAgain()
    {
        var grain = NewGrain();
        var current = new GrainState<Counter>(new Counter { Count = 1 });
        await Grains.WriteStateAsync(StateName, grain, current);
        var stale = await ReadAsync<Counter>(grain);
        var staleEtag = stale.ETag;
        await Grains.ClearStateAsync(StateName, grain, current);

        stale.State.Count = 100;
        var afterClear = await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.WriteStateAsync(StateName, grain, stale));
        Assert.Equal(current.ETag, afterClear.StoredEtag);
        Assert.Equal(staleEtag, afterClear.CurrentEtag);

        // Once the state is written afresh, its version must still be past every ETag handed out before the clear.
        var recreated = await ReadAsync<Counter>(grain);
        recreated.State.Count = 2;
        await Grains.WriteStateAsync(StateName, grain, recreated);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.WriteStateAsync(StateName, grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.ClearStateAsync(StateName, grain, stale));

        var stored = await ReadAsync<Counter>(grain);
        Assert.Equal(2, stored.State.Count);
        Assert.Equal(recreated.ETag, stored.ETag);
    }

    [Fact]
    public async Task WritingWithoutAnEtagOverAClearedStateThrows()
    {
        var grain = NewGrain();
        var state = new GrainState<Counter>(new Counter { Count = 1 });
        await Grains.WriteStateAsync(StateName, grain, state);
        await Grains.ClearStateAsync(StateName, grain, state);

        var unaware = new GrainState<Counter>(new Counter { Count = 7 });
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.WriteStateAsync(StateName, grain, unaware));

        Assert.Equal(state.ETag, error.StoredEtag);
        Assert.Null(error.CurrentEtag);
        var stored = await ReadAsync<Counter>(grain);
        Assert.False(stored.RecordExists);
        Assert.Equal(state.ETag, stored.ETag);
    }

    [Fact]
    public async Task ClearingAClearedStateNeedsItsEtag()
    {
        var grain = NewGrain();
        var state = new GrainState<Counter>(new Counter { Count = 1 });
        await Grains.WriteStateAsync(StateName, grain, state);
        await Grains.ClearStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.ClearStateAsync(StateName, grain, new GrainState<Counter>(new Counter())));
        var read = await ReadAsync<Counter>(grain);
        await Grains.ClearStateAsync(StateName, grain, read);

        Assert.False(read.RecordExists);
        Assert.Equal(read.ETag, (await ReadAsync<Counter>(grain)).ETag);
    }

    [Fact]
    public async Task OfTwoWritersRecreatingAClearedStateExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var grain = NewGrain();
            var first = new GrainState<Counter>(new Counter());
            await Grains.WriteStateAsync(StateName, grain, first);
            await Grains.ClearStateAsync(StateName, grain, first);
            var writers = new List<GrainState<Counter>>();
            for (var n = 1; n <= 2; n++)
            {
                var writer = await ReadAsync<Counter>(grain);
                writer.State.Count = n;
                writers.Add(writer);
            }

            var outcomes = await Task.WhenAll(writers.Select(state => TryWriteAsync(grain, state)));

            Assert.Single(outcomes, won => won);
            var winner = writers[Array.IndexOf(outcomes, true)];
            var stored = await ReadAsync<Counter>(grain);
            Assert.Equal(winner.State.Count, stored.State.Count);
            Assert.Equal(winner.ETag, stored.ETag);
        }
    }

    [Fact]
    public async Task ClearingWithAStaleEtagThrowsAndKeepsTheStoredState()
    {
        var grain = NewGrain();
        var current = new GrainState<Counter>(new Counter { Count = 1 });
        await Grains.WriteStateAsync(StateName, grain, current);
        var stale = await ReadAsync<Counter>(grain);
        current.State.Count = 2;
        await Grains.WriteStateAsync(StateName, grain, current);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.ClearStateAsync(StateName, grain, stale));

        Assert.Equal(current.ETag, error.StoredEtag);
        var stored = await ReadAsync<Counter>(grain);
        Assert.True(stored.RecordExists);
        Assert.Equal(2, stored.State.Count);
    }

    [Fact]
    public async Task ClearingWithoutAnEtagWhenStateIsStoredThrows()
    {
        var grain = NewGrain();
        await Grains.WriteStateAsync(StateName, grain, new GrainState<Counter>(new Counter { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.ClearStateAsync(StateName, grain, new GrainState<Counter>(new Counter())));

        Assert.True((await ReadAsync<Counter>(grain)).RecordExists);
    }

    [Fact]
    public async Task StateWrittenInAnOlderShapeReadsIntoANewerOne()
    {
        var grain = NewGrain();
        await Grains.WriteStateAsync(StateName, grain, new GrainState<ProfileV1>(new ProfileV1("Ada", 36, "countess")));

        var read = await ReadAsync<ProfileV2>(grain);

        Assert.Equal(new ProfileV2("Ada", 36, null), read.State);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task ManyConcurrentWritersToDifferentGrainsAreAllStored()
    {
        const int Writers = 32;
        const int WritesEach = 5;
        var grains = Enumerable.Range(0, Writers).Select(_ => NewGrain()).ToArray();

        var finalEtags = await Task.WhenAll(grains.Select(async grain =>
        {
            var state = new GrainState<Counter>(new Counter());
            for (var i = 0; i < WritesEach; i++)
            {
                state.State.Count++;
                await Grains.WriteStateAsync(StateName, grain, state);
            }

            return state.ETag;
        }));

        for (var i = 0; i < Writers; i++)
        {
            var stored = await ReadAsync<Counter>(grains[i]);
            Assert.Equal(WritesEach, stored.State.Count);
            Assert.Equal(finalEtags[i], stored.ETag);
        }
    }

    [Fact]
    public async Task AnUpsertedReminderReadsBackToTheMillisecondAndAnotherUpsertReplacesIt()
    {
        var grain = NewGrain();
        var startAt = new DateTimeOffset(2031, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2));
        var entry = new ReminderEntry(grain, "tick", startAt, TimeSpan.FromMilliseconds(90_061_001), startAt.AddMinutes(1));

        await Storage.Reminders.UpsertRowAsync(entry, CancellationToken.None);
        Assert.Equal([entry], await Storage.Reminders.ReadRowsAsync(grain, CancellationToken.None));
        Assert.Contains(entry, await Storage.Reminders.ReadAllAsync(CancellationToken.None));

        var replaced = entry with { Period = TimeSpan.FromSeconds(5), NextDue = startAt.AddSeconds(5) };
        await Storage.Reminders.UpsertRowAsync(replaced, CancellationToken.None);
        Assert.Equal([replaced], await Storage.Reminders.ReadRowsAsync(grain, CancellationToken.None));
    }

    [Fact]
    public async Task AGrainsRemindersReadInNameOrderAndOnlyItsOwn()
    {
        var grain = NewGrain();
        var now = At(0);
        await Storage.Reminders.UpsertRowAsync(new ReminderEntry(grain, "b", now, TimeSpan.FromMinutes(1), now), CancellationToken.None);
        await Storage.Reminders.UpsertRowAsync(new ReminderEntry(grain, "a", now, TimeSpan.FromMinutes(1), now), CancellationToken.None);
        await Storage.Reminders.UpsertRowAsync(new ReminderEntry(NewGrain(), "a", now, TimeSpan.FromMinutes(1), now), CancellationToken.None);

        var rows = await Storage.Reminders.ReadRowsAsync(grain, CancellationToken.None);

        Assert.Equal(["a", "b"], rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task RemovingAReminderSaysWhetherThereWasOne()
    {
        var grain = NewGrain();
        await Storage.Reminders.UpsertRowAsync(new ReminderEntry(grain, "once", At(0), TimeSpan.FromMinutes(1), At(60)), CancellationToken.None);

        Assert.True(await Storage.Reminders.RemoveRowAsync(grain, "once", CancellationToken.None));
        Assert.False(await Storage.Reminders.RemoveRowAsync(grain, "once", CancellationToken.None));
        Assert.Empty(await Storage.Reminders.ReadRowsAsync(grain, CancellationToken.None));
    }

    [Fact]
    public async Task UpdatingNextDueMovesItOnlyForRemindersWhoseScheduleIsUnchanged()
    {
        var grain = NewGrain();
        var kept = new ReminderEntry(grain, "kept", At(0), TimeSpan.FromMinutes(1), At(60));
        var rescheduled = new ReminderEntry(grain, "rescheduled", At(0), TimeSpan.FromMinutes(1), At(60));
        await Storage.Reminders.UpsertRowAsync(kept, CancellationToken.None);
        await Storage.Reminders.UpsertRowAsync(rescheduled, CancellationToken.None);
        var registeredAgain = rescheduled with { StartAt = At(30), NextDue = At(30) };
        await Storage.Reminders.UpsertRowAsync(registeredAgain, CancellationToken.None);

        await Storage.Reminders.UpdateNextDueAsync([kept with { NextDue = At(120) }, rescheduled with { NextDue = At(120) }], CancellationToken.None);

        Assert.Equal(
            [kept with { NextDue = At(120) }, registeredAgain],
            await Storage.Reminders.ReadRowsAsync(grain, CancellationToken.None));
    }

    [Fact]
    public async Task UpdatingNextDueNeverResurrectsARemovedReminder()
    {
        var grain = NewGrain();
        var entry = new ReminderEntry(grain, "gone", At(0), TimeSpan.FromMinutes(1), At(60));
        await Storage.Reminders.UpsertRowAsync(entry, CancellationToken.None);
        await Storage.Reminders.RemoveRowAsync(grain, "gone", CancellationToken.None);

        await Storage.Reminders.UpdateNextDueAsync([entry with { NextDue = At(120) }], CancellationToken.None);

        Assert.Empty(await Storage.Reminders.ReadRowsAsync(grain, CancellationToken.None));
        Assert.DoesNotContain(await Storage.Reminders.ReadAllAsync(CancellationToken.None), r => r.GrainId == grain);
    }

    [Fact]
    public async Task AppendingAssignsConsecutiveSequencesStartingAtOne()
    {
        var stream = NewStream();
        var first = Events(3);
        var second = Events(2);

        Assert.Equal(3, await Storage.StreamLog.AppendAsync(stream, first, CancellationToken.None));
        Assert.Equal(5, await Storage.StreamLog.AppendAsync(stream, second, CancellationToken.None));

        var stored = await Storage.StreamLog.ReadAsync(stream, 0, 100, CancellationToken.None);
        Assert.Equal(
            first.Concat(second).Select((e, i) => new StoredStreamEvent(stream, i + 1, e.EventId, e.PayloadType, e.Payload, e.Timestamp)),
            stored);
    }

    [Fact]
    public async Task AppendingNothingReturnsTheLastSequence()
    {
        var stream = NewStream();
        Assert.Equal(0, await Storage.StreamLog.AppendAsync(stream, [], CancellationToken.None));

        await Storage.StreamLog.AppendAsync(stream, Events(2), CancellationToken.None);

        Assert.Equal(2, await Storage.StreamLog.AppendAsync(stream, [], CancellationToken.None));
    }

    [Fact]
    public async Task AppendingTheSameBatchTwiceStoresItOnce()
    {
        var stream = NewStream();
        var batch = Events(3);
        Assert.Equal(3, await Storage.StreamLog.AppendAsync(stream, batch, CancellationToken.None));

        Assert.Equal(3, await Storage.StreamLog.AppendAsync(stream, batch, CancellationToken.None));

        var stored = await Storage.StreamLog.ReadAsync(stream, 0, 100, CancellationToken.None);
        Assert.Equal(batch.Select(e => e.EventId), stored.Select(e => e.EventId));
        Assert.Equal([1L, 2, 3], stored.Select(e => e.Sequence));
        Assert.Contains(new StreamHead(stream, 3), await Storage.StreamLog.ReadHeadsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AppendingABatchWithAStoredAndANewEventAppendsOnlyTheNewOne()
    {
        var stream = NewStream();
        var events = Events(3);
        await Storage.StreamLog.AppendAsync(stream, [events[0]], CancellationToken.None);

        Assert.Equal(2, await Storage.StreamLog.AppendAsync(stream, [events[0], events[1]], CancellationToken.None));
        Assert.Equal(3, await Storage.StreamLog.AppendAsync(stream, [events[2], events[1]], CancellationToken.None));

        var stored = await Storage.StreamLog.ReadAsync(stream, 0, 100, CancellationToken.None);
        Assert.Equal(
            events.Select((e, i) => new StoredStreamEvent(stream, i + 1, e.EventId, e.PayloadType, e.Payload, e.Timestamp)),
            stored);
    }

    [Fact]
    public async Task AnEventIdRepeatedWithinABatchIsAppendedOnce()
    {
        var stream = NewStream();
        var events = Events(2);

        Assert.Equal(2, await Storage.StreamLog.AppendAsync(stream, [events[0], events[0], events[1]], CancellationToken.None));

        Assert.Equal(
            events.Select(e => e.EventId),
            (await Storage.StreamLog.ReadAsync(stream, 0, 100, CancellationToken.None)).Select(e => e.EventId));
    }

    [Fact]
    public async Task AnEventIdIsUniquePerStreamNotAcrossStreams()
    {
        var first = NewStream();
        var second = NewStream();
        var batch = Events(2);
        await Storage.StreamLog.AppendAsync(first, batch, CancellationToken.None);

        Assert.Equal(2, await Storage.StreamLog.AppendAsync(second, batch, CancellationToken.None));

        Assert.Equal(2, (await Storage.StreamLog.ReadAsync(second, 0, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ConcurrentAppendsOfTheSameBatchStoreItOnce()
    {
        for (var round = 0; round < 5; round++)
        {
            var stream = NewStream();
            var batch = Events(3);

            var lasts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                await Task.Yield();
                return await Storage.StreamLog.AppendAsync(stream, batch, CancellationToken.None);
            }));

            Assert.All(lasts, last => Assert.Equal(3, last));
            var stored = await Storage.StreamLog.ReadAsync(stream, 0, 100, CancellationToken.None);
            Assert.Equal(batch.Select(e => e.EventId), stored.Select(e => e.EventId));
            Assert.Equal([1L, 2, 3], stored.Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task ConcurrentAppendsToOneStreamNeverDuplicateOrSkipASequence()
    {
        var stream = NewStream();
        var batches = Enumerable.Range(0, 64).Select(i => Events(1 + (i % 3))).ToArray();

        var lasts = await Task.WhenAll(batches.Select(async batch =>
        {
            await Task.Yield();
            return await Storage.StreamLog.AppendAsync(stream, batch, CancellationToken.None);
        }));

        var total = batches.Sum(b => b.Count);
        var stored = await Storage.StreamLog.ReadAsync(stream, 0, total + 10, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), stored.Select(e => e.Sequence));
        var sequenceOf = stored.ToDictionary(e => e.EventId, e => e.Sequence);
        for (var i = 0; i < batches.Length; i++)
        {
            // Each append's events sit together, in order, ending at the sequence it returned.
            var expected = Enumerable.Range(0, batches[i].Count).Select(k => lasts[i] - batches[i].Count + 1 + k);
            Assert.Equal(expected, batches[i].Select(e => sequenceOf[e.EventId]));
        }
    }

    [Fact]
    public async Task ReadingAfterASequenceReturnsAtMostMaxCountInOrder()
    {
        var stream = NewStream();
        await Storage.StreamLog.AppendAsync(stream, Events(10), CancellationToken.None);

        Assert.Equal([4L, 5, 6, 7], (await Storage.StreamLog.ReadAsync(stream, 3, 4, CancellationToken.None)).Select(e => e.Sequence));
        Assert.Equal([9L, 10], (await Storage.StreamLog.ReadAsync(stream, 8, 10, CancellationToken.None)).Select(e => e.Sequence));
        Assert.Empty(await Storage.StreamLog.ReadAsync(stream, 10, 10, CancellationToken.None));
        Assert.Empty(await Storage.StreamLog.ReadAsync(stream, 0, 0, CancellationToken.None));
        Assert.Empty(await Storage.StreamLog.ReadAsync(NewStream(), 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task HeadsListEveryStreamWithItsLastSequence()
    {
        var busy = NewStream();
        var quiet = NewStream();
        await Storage.StreamLog.AppendAsync(busy, Events(2), CancellationToken.None);
        await Storage.StreamLog.AppendAsync(busy, Events(1), CancellationToken.None);
        await Storage.StreamLog.AppendAsync(quiet, Events(1), CancellationToken.None);

        var heads = await Storage.StreamLog.ReadHeadsAsync(CancellationToken.None);

        Assert.Contains(new StreamHead(busy, 3), heads);
        Assert.Contains(new StreamHead(quiet, 1), heads);
        Assert.Equal(heads.Count, heads.Select(h => h.StreamId).Distinct().Count());
    }

    [Fact]
    public async Task HeadsListNoStreamThatOnlyHadEmptyAppends()
    {
        var empty = NewStream();

        await Storage.StreamLog.AppendAsync(empty, [], CancellationToken.None);

        Assert.DoesNotContain(await Storage.StreamLog.ReadHeadsAsync(CancellationToken.None), h => h.StreamId == empty);
    }

    [Fact]
    public async Task AddingASubscriptionTwiceKeepsOneAndRemovingItDeletesIt()
    {
        var subscription = new StreamSubscriptionRecord(Guid.NewGuid(), NewStream(), NewGrain());

        await Storage.StreamLog.AddSubscriptionAsync(subscription, CancellationToken.None);
        await Storage.StreamLog.AddSubscriptionAsync(subscription, CancellationToken.None);
        Assert.Single(await Storage.StreamLog.ReadSubscriptionsAsync(CancellationToken.None), s => s == subscription);

        await Storage.StreamLog.RemoveSubscriptionAsync(subscription.SubscriptionId, CancellationToken.None);
        Assert.DoesNotContain(await Storage.StreamLog.ReadSubscriptionsAsync(CancellationToken.None), s => s.SubscriptionId == subscription.SubscriptionId);
        await Storage.StreamLog.RemoveSubscriptionAsync(subscription.SubscriptionId, CancellationToken.None);
    }

    [Fact]
    public async Task SavingCheckpointsInsertsThemAndSavingAgainReplacesThem()
    {
        var stream = NewStream();
        await Storage.StreamLog.SaveCheckpointsAsync(
            [new(stream, "a", 5, null), new(stream, "b", 2, "boom"), new(stream, "c", 1, null), new(stream, "c", 2, null)],
            CancellationToken.None);
        Assert.Equal(
            [new(stream, "a", 5, null), new(stream, "b", 2, "boom"), new SubscriberCheckpoint(stream, "c", 2, null)],
            await CheckpointsOfAsync(stream));

        await Storage.StreamLog.SaveCheckpointsAsync([new(stream, "a", 7, "parked: timeout"), new(stream, "b", 3, null)], CancellationToken.None);
        Assert.Equal(
            [new(stream, "a", 7, "parked: timeout"), new(stream, "b", 3, null), new SubscriberCheckpoint(stream, "c", 2, null)],
            await CheckpointsOfAsync(stream));
    }

    [Fact]
    public async Task ACollectionNeverWrittenReadsEmptyAtVersionZero()
    {
        var read = await Rows.ReadAllAsync(RowCollection, NewGrain());

        Assert.Equal(0, read.Version);
        Assert.Empty(read.Rows);
    }

    [Fact]
    public async Task TheFirstWriteAtVersionZeroStoresItsRowsAtVersionOne()
    {
        var owner = NewGrain();

        var version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("rec1", Json("rec1", 1)), RowChange.Upsert("rec2", Json("rec2", 2))]));

        Assert.Equal(1, version);
        var read = await Rows.ReadAllAsync(RowCollection, owner);
        Assert.Equal(1, read.Version);
        Assert.Equal([new StoredRow("rec1", Json("rec1", 1)), new StoredRow("rec2", Json("rec2", 2))], read.Rows);
    }

    [Fact]
    public async Task RowsReadBackInOrdinalKeyOrderWithTheCollectionsVersion()
    {
        var owner = NewGrain();
        // Ordinal puts upper case before lower, "a10" before "a9", and a character above U+FFFF
        // (a surrogate pair) before U+FFFD, where UTF-8 byte order would put it after.
        string[] ordered = ["", "B", "a", "a10", "a9", "ä", "\U0001F600", "\uFFFD"];
        string[] shuffled = ["a9", "\uFFFD", "B", "", "ä", "a10", "\U0001F600", "a"];
        var version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [.. shuffled.Take(4).Select(k => RowChange.Upsert(k, Json(k, 1)))]));
        version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [.. shuffled.Skip(4).Select(k => RowChange.Upsert(k, Json(k, 2)))]));

        var read = await Rows.ReadAllAsync(RowCollection, owner);

        Assert.Equal(2, read.Version);
        Assert.Equal(ordered, read.Rows.Select(r => r.Key));
        Assert.Equal(Json("\U0001F600", 2), read.Rows.Single(r => r.Key == "\U0001F600").Data);
    }

    [Fact]
    public async Task AnUpsertOfAStoredKeyReplacesItsData()
    {
        var owner = NewGrain();
        var version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("rec1", Json("rec1", 1)), RowChange.Upsert("rec2", Json("rec2", 1))]));

        version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [RowChange.Upsert("rec1", Json("rec1", 2))]));

        var read = await Rows.ReadAllAsync(RowCollection, owner);
        Assert.Equal(2, version);
        Assert.Equal([new StoredRow("rec1", Json("rec1", 2)), new StoredRow("rec2", Json("rec2", 1))], read.Rows);
    }

    [Fact]
    public async Task ADeleteRemovesOnlyItsRowAndDeletingAMissingKeyStillMovesTheVersion()
    {
        var owner = NewGrain();
        var version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("rec1", Json("rec1", 1)), RowChange.Upsert("rec2", Json("rec2", 1))]));

        version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [RowChange.Delete("rec1")]));
        version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [RowChange.Delete("never")]));

        var read = await Rows.ReadAllAsync(RowCollection, owner);
        Assert.Equal(3, version);
        Assert.Equal(3, read.Version);
        Assert.Equal([new StoredRow("rec2", Json("rec2", 1))], read.Rows);
    }

    [Fact]
    public async Task AMixedBatchAppliesItsUpsertsAndDeletesTogether()
    {
        var owner = NewGrain();
        var version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [.. Keys(4).Select(k => RowChange.Upsert(k, Json(k, 1)))]));

        version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [
            RowChange.Delete("rec0"),
            RowChange.Upsert("rec1", Json("rec1", 2)),
            RowChange.Upsert("rec9", Json("rec9", 2)),
            RowChange.Delete("rec3"),
        ]));

        var read = await Rows.ReadAllAsync(RowCollection, owner);
        Assert.Equal(2, version);
        Assert.Equal([new StoredRow("rec1", Json("rec1", 2)), new StoredRow("rec2", Json("rec2", 1)), new StoredRow("rec9", Json("rec9", 2))], read.Rows);
    }

    [Fact]
    public async Task AnEmptyBatchMovesTheVersionSoItFencesOutOlderWriters()
    {
        var owner = NewGrain();
        await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("rec1", Json("rec1", 1))]));

        Assert.Equal(2, await Rows.WriteAsync(RowCollection, owner, new RowBatch(1, [])));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Rows.WriteAsync(RowCollection, owner, new RowBatch(1, [RowChange.Delete("rec1")])));
        var read = await Rows.ReadAllAsync(RowCollection, owner);
        Assert.Equal(2, read.Version);
        Assert.Equal([new StoredRow("rec1", Json("rec1", 1))], read.Rows);
    }

    [Fact]
    public async Task AWriteOverAStaleVersionThrowsAndStoresNothing()
    {
        var owner = NewGrain();
        var version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [.. Keys(3).Select(k => RowChange.Upsert(k, Json(k, 1)))]));
        version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [RowChange.Upsert("rec0", Json("rec0", 2))]));
        var before = await Rows.ReadAllAsync(RowCollection, owner);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Rows.WriteAsync(RowCollection, owner, new RowBatch(1, [
            RowChange.Upsert("rec0", Json("rec0", 3)),
            RowChange.Upsert("rec7", Json("rec7", 3)),
            RowChange.Delete("rec1"),
        ])));

        Assert.Equal("2", error.StoredEtag);
        Assert.Equal("1", error.CurrentEtag);
        var after = await Rows.ReadAllAsync(RowCollection, owner);
        Assert.Equal(version, after.Version);
        Assert.Equal(before.Rows, after.Rows);
    }

    [Fact]
    public async Task AWriteNamingAVersionTheCollectionNeverReachedThrowsAndStoresNothing()
    {
        var owner = NewGrain();

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Rows.WriteAsync(RowCollection, owner, new RowBatch(5, [RowChange.Upsert("rec1", Json("rec1", 1))])));

        Assert.Equal("0", error.StoredEtag);
        Assert.Equal("5", error.CurrentEtag);
        var read = await Rows.ReadAllAsync(RowCollection, owner);
        Assert.Equal(0, read.Version);
        Assert.Empty(read.Rows);
    }

    [Fact]
    public async Task WritingAtVersionZeroOverAWrittenCollectionThrows()
    {
        var owner = NewGrain();
        await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("rec1", Json("rec1", 1))]));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("rec1", Json("rec1", 2))])));

        Assert.Equal([new StoredRow("rec1", Json("rec1", 1))], (await Rows.ReadAllAsync(RowCollection, owner)).Rows);
    }

    [Fact]
    public async Task OfTwoWritersWithTheSameExpectedVersionExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var owner = NewGrain();
            var expected = round % 2 == 0 ? 0 : await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("shared", Json("shared", 0))]));
            var batches = Enumerable.Range(1, 2)
                .Select(w => new RowBatch(expected, [RowChange.Upsert("shared", Json("shared", w)), .. Keys(20).Select(k => RowChange.Upsert($"{k}-w{w}", Json(k, w)))]))
                .ToArray();

            var outcomes = await Task.WhenAll(batches.Select(batch => TryWriteRowsAsync(owner, batch)));

            Assert.Single(outcomes, won => won);
            var winner = Array.IndexOf(outcomes, true) + 1;
            var read = await Rows.ReadAllAsync(RowCollection, owner);
            Assert.Equal(expected + 1, read.Version);
            Assert.Equal(21, read.Rows.Count);
            Assert.All(read.Rows, r => Assert.EndsWith($",\"n\":{winner}}}", r.Data, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ManyConcurrentBatchesToDifferentOwnersAreAllStored()
    {
        var owners = Enumerable.Range(0, 32).Select(_ => NewGrain()).ToArray();

        await Task.WhenAll(owners.Select(async owner =>
        {
            await Task.Yield();
            var version = 0L;
            for (var i = 0; i < 5; i++)
            {
                version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [RowChange.Upsert($"rec{i}", Json(owner.Key, i))]));
            }
        }));

        foreach (var owner in owners)
        {
            var read = await Rows.ReadAllAsync(RowCollection, owner);
            Assert.Equal(5, read.Version);
            Assert.Equal(Enumerable.Range(0, 5).Select(i => new StoredRow($"rec{i}", Json(owner.Key, i))), read.Rows);
        }
    }

    [Fact]
    public async Task ClearingRemovesEveryRowAndMovesTheVersionSoOlderWritersStayStale()
    {
        var owner = NewGrain();
        var version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [.. Keys(5).Select(k => RowChange.Upsert(k, Json(k, 1)))]));

        var cleared = await Rows.ClearAsync(RowCollection, owner, version);

        Assert.Equal(2, cleared);
        var read = await Rows.ReadAllAsync(RowCollection, owner);
        Assert.Equal(2, read.Version);
        Assert.Empty(read.Rows);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [RowChange.Upsert("rec0", Json("rec0", 2))])));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("rec0", Json("rec0", 2))])));
        Assert.Equal(3, await Rows.WriteAsync(RowCollection, owner, new RowBatch(cleared, [RowChange.Upsert("rec0", Json("rec0", 3))])));
        Assert.Equal([new StoredRow("rec0", Json("rec0", 3))], (await Rows.ReadAllAsync(RowCollection, owner)).Rows);
    }

    [Fact]
    public async Task ClearingWithAStaleVersionThrowsAndKeepsTheRows()
    {
        var owner = NewGrain();
        var version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("rec1", Json("rec1", 1))]));
        version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [RowChange.Upsert("rec2", Json("rec2", 1))]));

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Rows.ClearAsync(RowCollection, owner, 1));

        Assert.Equal("2", error.StoredEtag);
        var read = await Rows.ReadAllAsync(RowCollection, owner);
        Assert.Equal(version, read.Version);
        Assert.Equal(["rec1", "rec2"], read.Rows.Select(r => r.Key));
    }

    [Fact]
    public async Task ClearingACollectionNeverWrittenStartsItsVersion()
    {
        var owner = NewGrain();

        Assert.Equal(1, await Rows.ClearAsync(RowCollection, owner, 0));

        Assert.Equal(1, (await Rows.ReadAllAsync(RowCollection, owner)).Version);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Rows.ClearAsync(RowCollection, owner, 0));
    }

    [Fact]
    public async Task CollectionsAndOwnersAreIsolatedFromEachOther()
    {
        var owner = NewGrain();
        var other = NewGrain();
        await Rows.WriteAsync("records", owner, new RowBatch(0, [RowChange.Upsert("rec1", Json("records", 1))]));
        await Rows.WriteAsync("comments", owner, new RowBatch(0, [RowChange.Upsert("rec1", Json("comments", 1))]));
        await Rows.WriteAsync("records", other, new RowBatch(0, [RowChange.Upsert("rec1", Json("other", 1))]));
        await Rows.WriteAsync("records", owner, new RowBatch(1, [RowChange.Upsert("rec2", Json("records", 2))]));

        Assert.Equal(2, await Rows.ClearAsync("comments", owner, 1));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Rows.WriteAsync("records", other, new RowBatch(2, [RowChange.Delete("rec1")])));

        var records = await Rows.ReadAllAsync("records", owner);
        Assert.Equal(2, records.Version);
        Assert.Equal([new StoredRow("rec1", Json("records", 1)), new StoredRow("rec2", Json("records", 2))], records.Rows);
        var comments = await Rows.ReadAllAsync("comments", owner);
        Assert.Equal(2, comments.Version);
        Assert.Empty(comments.Rows);
        var others = await Rows.ReadAllAsync("records", other);
        Assert.Equal(1, others.Version);
        Assert.Equal([new StoredRow("rec1", Json("other", 1))], others.Rows);
    }

    [Fact]
    public async Task ABatchTheContractDoesNotDefineIsRejectedBeforeAnythingIsStored()
    {
        var owner = NewGrain();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Rows.WriteAsync(RowCollection, owner, new RowBatch(0, [RowChange.Upsert("rec1", "{}"), RowChange.Delete("rec1")])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Rows.WriteAsync(RowCollection, owner, new RowBatch(-1, [RowChange.Upsert("rec1", "{}")])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Rows.WriteAsync("", owner, new RowBatch(0, [RowChange.Upsert("rec1", "{}")])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Rows.ClearAsync(RowCollection, owner, -1));

        Assert.Equal(0, (await Rows.ReadAllAsync(RowCollection, owner)).Version);
    }

    [Fact]
    public async Task AHundredThousandRowsWrittenInBatchesReadBackComplete()
    {
        const int Total = 100_000;
        const int BatchSize = 10_000;
        var owner = NewGrain();
        // Written in a scrambled order (7919 is prime to the total), so reading in key order proves the sort.
        var keys = Enumerable.Range(0, Total).Select(i => $"rec{(long)i * 7919 % Total:D6}").ToArray();
        var version = 0L;
        foreach (var chunk in keys.Chunk(BatchSize))
        {
            version = await Rows.WriteAsync(RowCollection, owner, new RowBatch(version, [.. chunk.Select(k => RowChange.Upsert(k, Json(k, 1)))]));
        }

        var read = await Rows.ReadAllAsync(RowCollection, owner);

        Assert.Equal(Total / BatchSize, read.Version);
        Assert.Equal(Total, read.Rows.Count);
        for (var i = 0; i < Total; i++)
        {
            var key = $"rec{i:D6}";
            Assert.Equal(key, read.Rows[i].Key);
            Assert.Equal(Json(key, 1), read.Rows[i].Data);
        }
    }

    /// <summary>A new storage, not yet initialized.</summary>
    protected abstract IRuntimeStorage CreateStorage();

    protected static GrainId NewGrain() => new("contract", Guid.NewGuid().ToString("N"));

    protected static StreamId NewStream() => StreamId.Create("contract", Guid.NewGuid());

    /// <summary>A time <paramref name="seconds"/> after a fixed instant, to the millisecond as storage keeps it.</summary>
    protected static DateTimeOffset At(int seconds) => new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddSeconds(seconds);

    protected static IReadOnlyList<StreamEventData> Events(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new StreamEventData(Guid.NewGuid(), "ContractEvent", $$"""{"value":{{i}}}""", At(i).AddMilliseconds(i)))];

    /// <summary>Row data as a grain would store it: JSON naming its key and a number.</summary>
    protected static string Json(string key, int n) => $$"""{"id":{{System.Text.Json.JsonSerializer.Serialize(key)}},"n":{{n}}}""";

    protected static IEnumerable<string> Keys(int count) => Enumerable.Range(0, count).Select(i => $"rec{i}");

    protected async Task<GrainState<TState>> ReadAsync<TState>(GrainId grain)
        where TState : new()
    {
        var state = new GrainState<TState>(new TState());
        await Grains.ReadStateAsync(StateName, grain, state);
        return state;
    }

    /// <summary>Writes from a fresh turn; false when the ETag lost.</summary>
    private async Task<bool> TryWriteAsync(GrainId grain, GrainState<Counter> state)
    {
        await Task.Yield();
        try
        {
            await Grains.WriteStateAsync(StateName, grain, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    /// <summary>Writes a batch from a fresh turn; false when its version lost.</summary>
    private async Task<bool> TryWriteRowsAsync(GrainId owner, RowBatch batch)
    {
        await Task.Yield();
        try
        {
            await Rows.WriteAsync(RowCollection, owner, batch);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private async Task<IReadOnlyList<SubscriberCheckpoint>> CheckpointsOfAsync(StreamId stream) =>
        [.. (await Storage.StreamLog.ReadCheckpointsAsync(CancellationToken.None)).Where(c => c.StreamId == stream).OrderBy(c => c.SubscriberKey, StringComparer.Ordinal)];

    public sealed class Counter
    {
        public int Count { get; set; }

        public List<string> Items { get; set; } = [];
    }

    public sealed record ProfileV1(string Name, int Age, string Nickname)
    {
        public ProfileV1()
            : this("", 0, "")
        {
        }
    }

    public sealed record ProfileV2(string Name, int Age, string? Email)
    {
        public ProfileV2()
            : this("", 0, null)
        {
        }
    }
}
