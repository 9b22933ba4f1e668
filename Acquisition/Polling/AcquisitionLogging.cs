namespace Prepaid.Acquisition.Polling;

/// <summary>Writes to <see cref="AcquisitionOptions.Log"/> without letting a failing logger stop a bus or the engine.</summary>
internal static class AcquisitionLogging
{
    public static void Write(AcquisitionOptions options, AcquisitionLogEntry entry)
    {
        try
        {
            options.Log?.Invoke(entry);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing logger must not stop acquisition.
        }
    }
}
