namespace PyAirtable.Runtime;

/// <summary>A registered reminder.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }

    TimeSpan Period { get; }
}
