namespace Prepaid.App.Kernel.Ui.Slots;

/// <summary>
/// A component one feature offers to a place on another feature's page (the alarm banner on the wall), so the
/// page shows it without referencing the feature that provides it. Register with <c>services.AddSingleton(new SlotContent(...))</c>.
/// </summary>
/// <param name="Slot">Where it goes (one of <see cref="Slots"/>).</param>
/// <param name="Component">The component type; it takes no parameters.</param>
/// <param name="Order">Position among the slot's contents, smallest first.</param>
public sealed record SlotContent(string Slot, Type Component, int Order = 0);

/// <summary>The places pages offer to other features.</summary>
public static class Slots
{
    /// <summary>Below the wall's header: the alarm banner with its tone.</summary>
    public const string WallBanner = "wall.banner";
}
