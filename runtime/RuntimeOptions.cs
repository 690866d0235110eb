namespace PyAirtable.Runtime;

/// <summary>Settings of the actor runtime (configuration section <c>Runtime</c>).</summary>
public sealed class RuntimeOptions
{
    /// <summary>How long a caller waits for a grain call before <see cref="TimeoutException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long OnDeactivateAsync may take.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest period a reminder may have.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a failing stream delivery is tried before its subscriber is parked.</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>The first retry delay of a failing stream delivery; it doubles with each attempt.</summary>
    public TimeSpan DeliveryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>This silo's name in a cluster.</summary>
    public string SiloName { get; set; } = Environment.MachineName;
}
