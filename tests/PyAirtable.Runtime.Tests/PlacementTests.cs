using Microsoft.Extensions.DependencyInjection;
using PyAirtable.Runtime.Messaging;
using PyAirtable.Runtime.Tests.TestGrains;

namespace PyAirtable.Runtime.Tests;

public sealed class PlacementTests
{
    [Fact]
    public async Task EveryCallAsksThePlacementDirectorWhereTheGrainLives()
    {
        var director = new CountingPlacementDirector();
        await using var silo = await TestSilo.StartAsync(new LifecycleLog(), o => o.SiloName = "solo",
            services: s => s.AddSingleton<IPlacementDirector>(director));
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("placed");

        await grain.IncrementAsync();
        await grain.IncrementAsync();

        Assert.Equal(2, director.Asked);
    }

    private sealed class CountingPlacementDirector : IPlacementDirector
    {
        private int _asked;

        public int Asked => _asked;

        public SiloAddress PlaceGrain(GrainId grainId)
        {
            Interlocked.Increment(ref _asked);
            return new SiloAddress("solo", "local");
        }
    }
}
