using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PyAirtable.GrainInterfaces.LocalBases;
using PyAirtable.GrainInterfaces.Security;
using PyAirtable.GrainInterfaces.Users;
using PyAirtable.GrainInterfaces.Workspaces;
using PyAirtable.Grains.Audit;
using PyAirtable.Grains.LocalBases;
using PyAirtable.Grains.Security;
using PyAirtable.Runtime;
using PyAirtable.Runtime.Hosting;
using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Storage;
using PyAirtable.Runtime.Storage.Memory;
using PyAirtable.Runtime.Storage.Rows;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Grains.Tests;

/// <summary>
/// A silo with every real grain, over memory or SQLite storage, a test clock, and one user who
/// owns a workspace. <see cref="NewBaseAsync"/> gives each test a base of its own.
/// </summary>
public sealed class LocalBaseSilo : IAsyncDisposable
{
    private LocalBaseSilo(InProcessSilo silo, TestClock clock, IRuntimeStorage storage)
    {
        Silo = silo;
        Clock = clock;
        Storage = storage;
    }

    public InProcessSilo Silo { get; }

    public TestClock Clock { get; }

    public IRuntimeStorage Storage { get; }

    public IGrainFactory Grains => Silo.GrainFactory;

    public Caller Owner { get; private set; } = new("", null);

    public string WorkspaceId { get; private set; } = "";

    /// <summary>Starts a silo; with a <paramref name="storage"/> that outlives it, a second silo started on it is a restart.</summary>
    public static async Task<LocalBaseSilo> StartAsync(IRuntimeStorage? storage = null, TestClock? clock = null, bool withOwner = true)
    {
        var store = storage ?? new MemoryRuntimeStorage();
        var time = clock ?? new TestClock();
        var silo = await InProcessSilo.StartAsync(
            runtime => runtime.AddGrains(GrainsAssembly.Assembly).UseStorage(_ => new KeptStorage(store)),
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddSingleton(Options.Create(new SecurityOptions { PasswordIterations = 1000 }));
                services.AddSingleton(Options.Create(new LocalBaseOptions()));
                services.AddSingleton<AuthKeys>();
                services.AddSingleton<AuditTrail>();
            });
        var result = new LocalBaseSilo(silo, time, store);
        if (withOwner)
        {
            var (owner, workspace) = await result.NewMemberAsync("owner", null);
            result.Owner = owner;
            result.WorkspaceId = workspace;
        }

        return result;
    }

    /// <summary>A new user; with <paramref name="workspaceId"/> null they get a workspace of their own, otherwise they join it as an editor.</summary>
    public async Task<(Caller Caller, string WorkspaceId)> NewMemberAsync(string name, string? workspaceId)
    {
        var userId = Secrets.NewId();
        await Grains.GetGrain<IUserGrain>(userId).CreateAsync(new RegisterUserRequest($"{name}-{userId[..8]}@example.test", "Correct-horse-battery-staple-" + userId[..6], name));
        var caller = new Caller(userId, null);
        if (workspaceId is null)
        {
            workspaceId = Secrets.NewId();
            await Grains.GetGrain<IWorkspaceGrain>(workspaceId).CreateAsync("Workspace of " + name, caller);
        }
        else
        {
            var workspace = Grains.GetGrain<IWorkspaceGrain>(workspaceId);
            var invitation = await workspace.InviteAsync(await EmailOfAsync(userId), WorkspaceRole.Editor, Owner);
            await workspace.AcceptInvitationAsync(invitation.Token, caller);
        }

        return (caller, workspaceId);
    }

    public async Task<string> EmailOfAsync(string userId) => (await Grains.GetGrain<IUserGrain>(userId).GetProfileAsync()).Email;

    /// <summary>Creates a base in the owner's workspace with the given tables; returns its grain.</summary>
    public async Task<ILocalBaseGrain> NewBaseAsync(params TableDefinition[] tables)
    {
        var baseId = AirtableIds.New(AirtableIds.Base);
        var grain = Grains.GetGrain<ILocalBaseGrain>(baseId);
        await grain.CreateAsync(new CreateBaseRequest("Test base", WorkspaceId, tables), Owner);
        await Grains.GetGrain<IWorkspaceGrain>(WorkspaceId).AddBaseAsync(baseId, Owner);
        return grain;
    }

    /// <summary>Every event published on the base's stream from now on, in order.</summary>
    public async Task<EventLog> ListenAsync(ILocalBaseGrain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var log = new EventLog(this);
        var baseId = (await grain.GetInfoAsync())!.Id;
        await Silo.StreamProvider.GetStream<object>(StreamId.Create(BaseStreams.Namespace, baseId)).SubscribeAsync((e, _) =>
        {
            log.Add(e);
            return Task.CompletedTask;
        });
        return log;
    }

    public ValueTask DisposeAsync() => Silo.DisposeAsync();

    /// <summary>Events a test saw; <see cref="SettledAsync"/> waits until every published one was delivered.</summary>
    public sealed class EventLog(LocalBaseSilo silo)
    {
        private readonly List<object> _events = [];

        public void Add(object item)
        {
            lock (_events)
            {
                _events.Add(item);
            }
        }

        public async Task<IReadOnlyList<object>> SettledAsync()
        {
            await silo.Silo.WaitForStreamsAsync();
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Keeps one storage open across silos, so a second silo on it is a restart.</summary>
    private sealed class KeptStorage(IRuntimeStorage inner) : IRuntimeStorage
    {
        public string ProviderName => inner.ProviderName;

        public string Description => inner.Description;

        public IGrainStorage GrainStorage => inner.GrainStorage;

        public IGrainRowStorage Rows => inner.Rows;

        public IReminderTable Reminders => inner.Reminders;

        public IStreamLog StreamLog => inner.StreamLog;

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => inner.IsReachableAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
