using Prepaid.Domain.Model;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Configuration.Import;

internal sealed partial class ImportPlanner
{
    private void PlanTenants(SheetData sheet)
    {
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var r = new RowReader(sheet, row);
            var edit = new TenantEdit
            {
                UnitNumber = r.Text("Unit"), Name = r.Text("Name"), NameEn = r.Text("NameEn"), LeasedAreaM2 = r.Decimal("AreaM2"),
                BusinessType = r.Enum<BusinessType>("Business"), ContactName = r.Text("Contact"), Mobile = r.Text("Mobile"),
                MobileAlt = r.OptionalText("MobileAlt"), AccountNumber = r.Text("Account"),
            };
            r.Add(ConfigurationRules.Check(edit));
            Unique(r, units, edit.UnitNumber, "Unit");
            Unique(r, numbers, edit.AccountNumber, "Account");
            var existing = db.Tenants.GetValueOrDefault(edit.UnitNumber);
            var account = existing is null ? null : db.AccountsByTenant.GetValueOrDefault(existing.Id);
            if (db.Accounts.TryGetValue(edit.AccountNumber, out var owner) && owner.TenantId != existing?.Id)
            {
                r.Error("Account", "Duplicate", edit.AccountNumber, Terms.AnotherTenant);
            }

            _accounts.Add(edit.AccountNumber);
            var after = TenantValues(edit.Name, edit.NameEn, edit.LeasedAreaM2, edit.BusinessType, edit.ContactName, edit.Mobile, edit.MobileAlt, edit.AccountNumber);
            var before = existing is null ? null : TenantValues(existing.Name, existing.NameEn, existing.LeasedAreaM2, existing.BusinessType,
                existing.ContactName, existing.Mobile, existing.MobileAlt, account?.Number);
            if (Record(sheet, r, edit.UnitNumber, before, after))
            {
                plan.Tenants.Add(new(existing, edit));
            }
        }
    }

    private static Dictionary<string, string> TenantValues(string name, string nameEn, decimal area, BusinessType type, string contact, string mobile, string? alt, string? account) =>
        Values(("Name", name), ("NameEn", nameEn), ("AreaM2", area), ("Business", type), ("Contact", contact), ("Mobile", mobile), ("MobileAlt", alt), ("Account", account));

    private void PlanMeters(SheetData sheet)
    {
        var serials = new Dictionary<string, int>(StringComparer.Ordinal);
        var addresses = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<(RowReader Reader, PlannedMeter Planned, Meter? Existing, string? Tariff, string? Transformer)>();
        foreach (var row in sheet.Rows)
        {
            var r = new RowReader(sheet, row);
            var gateway = r.Text("Gateway");
            var port = r.Int("Port");
            var edit = new MeterEdit
            {
                UnitId = r.Int("Address"), SerialNumber = r.Text("Serial"), Name = r.Text("Name"), Kind = r.Enum<MeterKind>("Kind"),
                Role = r.Enum<MeterRole>("Role"), Profile = r.Enum<MeterProfile>("Profile"), BillingMode = r.Enum<BillingMode>("Billing"),
                CtRatio = r.Int("CT", 1), PtRatio = r.Int("PT", 1), PowerLimitKw = r.OptionalDecimal("PowerLimitKw"),
                PowerLimitDurationSeconds = r.Int("PowerLimitSeconds", 60), PublicLoad = r.OptionalEnum<PublicLoadType>("PublicLoad"),
                Location = r.OptionalText("Location"),
            };
            var (tariffCode, account, shaft, transformer) = (r.OptionalText("Tariff"), r.OptionalText("Account"), r.OptionalText("Shaft"), r.OptionalText("Transformer"));
            Tariff? tariff = null;
            if (tariffCode is not null && !db.Tariffs.TryGetValue(tariffCode, out tariff)) r.Error("Tariff", "Unknown", Terms.Tariff, tariffCode);
            edit.TariffId = tariff?.Id;
            if (account is not null && !_accounts.Contains(account)) r.Error("Account", "Unknown", Terms.Account, account);
            // The rules only ask whether there is an account: a new one (from the Tenants sheet) has no id yet.
            edit.AccountId = account is null ? null : db.Accounts.TryGetValue(account, out var a) ? a.Id : -1;
            if (shaft is not null && !_shaftCodes.Contains(shaft)) r.Error("Shaft", "Unknown", Terms.Shaft, shaft);
            if (transformer is not null)
            {
                if (db.Transformers.TryGetValue(transformer, out var t)) edit.TransformerId = t.Id;
                else r.Error("Transformer", "Unknown", Terms.Transformer, transformer);
            }

            r.Add(ConfigurationRules.Check(edit, tariff));
            if (gateway.Length == 0) r.Error("Gateway", "Required");
            else if (!_gatewayHosts.ContainsKey(gateway)) r.Error("Gateway", "Unknown", Terms.Gateway, gateway);
            else if (!_buses.Contains((gateway, port))) r.Error("Port", "Unknown", Terms.Bus, Terms.GatewayPort(gateway, port));
            Unique(r, serials, edit.SerialNumber, "Serial");
            Unique(r, addresses, $"address {edit.UnitId} on {gateway} port {port}", "Address");
            rows.Add((r, new PlannedMeter(edit, gateway, port, account, shaft), null, tariffCode, transformer));
        }

        // Matched by serial number first; by place only when the meter there is not claimed by its serial elsewhere in the file.
        for (var i = 0; i < rows.Count; i++)
        {
            var p = rows[i].Planned;
            var bus = db.Bus(p.Gateway, p.Port);
            var existing = db.MetersBySerial.GetValueOrDefault(p.Edit.SerialNumber)
                ?? (bus is not null && db.MetersByAddress.TryGetValue((bus.Id, p.Edit.UnitId), out var here) && !serials.ContainsKey(here.SerialNumber) ? here : null);
            rows[i] = rows[i] with { Existing = existing };
        }

        // A stored meter keeps its place unless the file moves it: a row must not land on a place it still holds.
        var moved = rows.Where(x => x.Existing is not null).Select(x => x.Existing!.Id).ToHashSet();
        foreach (var (r, p, existing, tariff, transformer) in rows)
        {
            var bus = db.Bus(p.Gateway, p.Port);
            if (bus is not null && db.MetersByAddress.TryGetValue((bus.Id, p.Edit.UnitId), out var holder) && holder.Id != existing?.Id && !moved.Contains(holder.Id))
            {
                r.Error("Address", "Duplicate", Terms.AddressOnPort(p.Edit.UnitId, p.Gateway, p.Port), Terms.MeterWithSerial(holder.Name, holder.SerialNumber));
            }

            var key = $"{p.Gateway}/{p.Port}/{p.Edit.UnitId} {p.Edit.SerialNumber}";
            var after = MeterValues(p.Gateway, p.Port, p.Edit, tariff, p.AccountNumber, p.ShaftCode, transformer);
            var before = existing is null ? null : MeterValues(db.GatewaysById[db.BusesById[existing.BusId].GatewayId].Name, db.BusesById[existing.BusId].PortNumber,
                MeterEdit.From(existing), db.Tariffs.Values.FirstOrDefault(t => t.Id == existing.TariffId)?.Code,
                existing.AccountId is { } id ? db.AccountsById[id].Number : null, ShaftCode(existing.ShaftId), TransformerCode(existing.TransformerId));
            if (Record(sheet, r, key, before, after))
            {
                plan.Meters.Add(new(existing, p));
            }
        }
    }

    private static Dictionary<string, string> MeterValues(string gateway, int port, MeterEdit m, string? tariff, string? account, string? shaft, string? transformer) => Values(
        ("Gateway", gateway), ("Port", port), ("Address", m.UnitId), ("Serial", m.SerialNumber), ("Name", m.Name), ("Kind", m.Kind), ("Role", m.Role),
        ("Profile", m.Profile), ("Billing", m.BillingMode), ("CT", m.CtRatio), ("PT", m.PtRatio), ("PowerLimitKw", m.PowerLimitKw),
        ("PowerLimitSeconds", m.PowerLimitDurationSeconds), ("Tariff", tariff), ("Account", account), ("Shaft", shaft), ("Transformer", transformer),
        ("PublicLoad", m.PublicLoad), ("Location", m.Location));
}
