using PyAirtable.Runtime.Catalog;
using PyAirtable.Runtime.Reminders;
using PyAirtable.Runtime.Streams;

namespace PyAirtable.Runtime;

/// <summary>
/// Base class of every grain: a virtual actor activated on demand that runs one turn at a time.
/// </summary>
public abstract class Grain
{
    private readonly ActivationData _activation;

    protected Grain()
    {
        _activation = ActivationData.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime; get one with IGrainFactory.GetGrain.");
    }

    internal ActivationData Activation => _activation;

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>Gets references to other grains.</summary>
    protected IGrainFactory GrainFactory => _activation.Runtime.GrainFactory;

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => _activation.Runtime.Services;

    /// <summary>Runs before the first turn of an activation. A throw fails the triggering call and discards the activation.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation is deactivated; best-effort, not run when the process dies.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn completes.</summary>
    protected void DeactivateOnIdle() => _activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>Gets the stream provider with the given name (<see cref="GrainStorageNames.Default"/>).</summary>
    protected IStreamProvider GetStreamProvider(string name) => _activation.Runtime.GetStreamProvider(name);

    /// <summary>Registers a timer whose callback runs as a turn of this grain; it stops at deactivation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
        => _activation.RegisterTimer(callback, options);

    /// <summary>Registers a timer whose callback runs as a turn of this grain; it stops at deactivation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => _activation.RegisterTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers or updates a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => ReminderService.RegisterOrUpdateAsync(this, reminderName, dueTime, period);

    /// <summary>Removes a durable reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder)
        => ReminderService.UnregisterAsync(GrainId, reminder?.ReminderName ?? throw new ArgumentNullException(nameof(reminder)));

    /// <summary>Gets one of this grain's reminders, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => ReminderService.GetAsync(GrainId, reminderName);

    /// <summary>Lists this grain's reminders.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => ReminderService.ListAsync(GrainId);

    private ReminderService ReminderService => _activation.Runtime.Reminders;
}
