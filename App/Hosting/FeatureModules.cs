using Prepaid.App.Accounts;
using Prepaid.App.Alarms;
using Prepaid.App.Audit;
using Prepaid.App.Billing;
using Prepaid.App.Configuration;
using Prepaid.App.Demo;
using Prepaid.App.Fees;
using Prepaid.App.Identity;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Losses;
using Prepaid.App.Meters;
using Prepaid.App.Overview;
using Prepaid.App.Readings;
using Prepaid.App.Replacement;
using Prepaid.App.Reports;
using Prepaid.App.Sharing;
using Prepaid.App.Simulation;
using Prepaid.App.Wall;

namespace Prepaid.App.Hosting;

/// <summary>The composition of the product: every feature module, and the demo that plugs into them.</summary>
public static class FeatureModules
{
    /// <summary>Every module of the product, in no particular order (registration does not depend on it).</summary>
    public static IReadOnlyList<IFeatureModule> All { get; } =
    [
        new AccountsModule(),
        new AlarmsModule(),
        new AuditModule(),
        new BillingModule(),
        new ConfigurationModule(),
        new FeesModule(),
        new IdentityModule(),
        new LossesModule(),
        new MetersModule(),
        new OverviewModule(),
        new ReadingsModule(),
        new ReplacementModule(),
        new ReportsModule(),
        new SharingModule(),
        new SimulationModule(),
        new WallModule(),
        new DemoModule(),
    ];
}
