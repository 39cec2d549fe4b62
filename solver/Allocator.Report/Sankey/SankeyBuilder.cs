using Allocator.Models;

namespace Allocator.Report.Sankey;

/// <summary>
/// Builds the flow diagram donors → production lines → needs, with widths in money. Small flows are grouped so
/// that large plans keep their shape (see docs/report.md, "Grouping"):
/// <list type="bullet">
/// <item>Lines: when more than <see cref="MaxLineNodes"/> lines are funded, only producers that receive at least
/// <see cref="MinProducerShare"/> of the committed money (at most <see cref="MaxProducerNodes"/>) keep their
/// own nodes: up to <see cref="MaxLinesPerProducer"/> lines each that carry at least
/// <see cref="MinLineShareOfProducer"/> of the producer's money, the rest as "other lines of producer X". The lines
/// of all other producers are grouped by category as "other producers: category".</item>
/// <item>Needs: when more than <see cref="MaxNeedNodes"/> needs receive units, the <see cref="MaxSingleNeeds"/>
/// largest with at least <see cref="MinNeedShare"/> of the money keep their nodes, the rest are grouped by
/// category as "other needs: category".</item>
/// <item>Donors: when there are more than <see cref="MaxDonorNodes"/>, the largest keep their nodes and the rest
/// become "other donors".</item>
/// </list>
/// </summary>
internal static class SankeyBuilder
{
    public const int MaxDonorNodes = 40;
    public const int MaxLineNodes = 36;
    public const int MaxProducerNodes = 12;
    public const double MinProducerShare = 0.02;
    public const int MaxLinesPerProducer = 2;
    public const double MinLineShareOfProducer = 0.15;
    public const int MaxNeedNodes = 36;
    public const int MaxSingleNeeds = 24;
    public const double MinNeedShare = 0.01;

    /// <summary>Unallocated money and funded-but-undelivered money get a node only above this share.</summary>
    public const double MinRemainderShare = 0.0005;

    public static SankeyGraph Build(PlanFacts f)
    {
        var request = f.Request;
        var lines = request.Lines;
        var needs = request.Needs;
        var donors = request.Donors;
        var currency = f.Currency;
        var committed = f.TotalCommitted;
        var available = f.TotalAvailable;
        var tiny = Math.Max(committed, available) * 1e-9;
        var notes = new List<string>();

        // Categories ranked by money: their colours, and the order of lines and needs.
        var categoryMoney = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var l = 0; l < lines.Count; l++)
            categoryMoney[lines[l].Category] = categoryMoney.GetValueOrDefault(lines[l].Category) + f.LineFunding[l];
        foreach (var n in needs) categoryMoney.TryAdd(n.Category, 0);
        var categoryRank = categoryMoney.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select((e, i) => (e.Key, i)).ToDictionary(e => e.Key, e => e.i, StringComparer.Ordinal);
        string CategoryColor(string category) => Palette.Category(categoryRank[category]);

        var lineOut = new double[lines.Count];
        var needIn = new double[needs.Count];
        foreach (var (l, n, money) in f.LineNeedMoney)
        {
            lineOut[l] += money;
            needIn[n] += money;
        }

        var nodes = new List<SankeyNode>();
        var sortKeys = new List<(double A, double B, double C, double D)>();
        int AddNode(SankeyNode node, (double, double, double, double) key)
        {
            nodes.Add(node);
            sortKeys.Add(key);
            return nodes.Count - 1;
        }

        // ---- Lines (middle column) ----
        var lineNode = Enumerable.Repeat(-1, lines.Count).ToArray();
        var funded = Enumerable.Range(0, lines.Count).Where(l => f.LineFunding[l] > tiny || lineOut[l] > tiny).ToList();
        var producerMoney = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var l in funded) producerMoney[lines[l].Producer] = producerMoney.GetValueOrDefault(lines[l].Producer) + f.LineFunding[l];
        var producerOrder = producerMoney.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select((e, i) => (e.Key, i)).ToDictionary(e => e.Key, e => e.i, StringComparer.Ordinal);

        int AddLine(int l) => lineNode[l] = AddNode(
            new SankeyNode($"line:{l}", SankeyColumn.Lines, "line", lines[l].Id, $"{lines[l].Id} · {lines[l].Producer}",
                LineTitle(f, l), CategoryColor(lines[l].Category), 1) { Category = lines[l].Category },
            (categoryRank[lines[l].Category], 0, producerOrder[lines[l].Producer], -f.LineFunding[l]));

        if (funded.Count <= MaxLineNodes)
        {
            foreach (var l in funded) AddLine(l);
        }
        else
        {
            var kept = producerMoney.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
                .Where(e => e.Value >= MinProducerShare * committed).Take(MaxProducerNodes)
                .Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var producer in producerOrder.OrderBy(e => e.Value).Select(e => e.Key).Where(kept.Contains))
            {
                var own = funded.Where(l => lines[l].Producer == producer)
                    .OrderByDescending(l => f.LineFunding[l]).ThenBy(l => l).ToList();
                var singles = own.Take(MaxLinesPerProducer)
                    .TakeWhile(l => f.LineFunding[l] >= MinLineShareOfProducer * producerMoney[producer]).ToList();
                var rest = own.Skip(singles.Count).ToList();
                if (rest.Count == 1) singles.AddRange(rest);
                foreach (var l in singles) AddLine(l);
                if (rest.Count < 2) continue;
                var main = Dominant(rest.Select(l => (lines[l].Category, f.LineFunding[l])));
                var money = rest.Sum(l => f.LineFunding[l]);
                var mixed = rest.Any(l => lines[l].Category != main);
                var node = AddNode(
                    new SankeyNode($"producer:{producer}", SankeyColumn.Lines, "group", null,
                        $"{rest.Count} other lines of {producer}",
                        $"{rest.Count} smaller lines of producer {producer}: {Html.Money(money)} {currency}",
                        mixed ? Palette.Mixed : CategoryColor(main), rest.Count) { Category = mixed ? null : main },
                    (categoryRank[main], 0, producerOrder[producer], -money));
                foreach (var l in rest) lineNode[l] = node;
            }
            var others = funded.Where(l => !kept.Contains(lines[l].Producer)).ToList();
            foreach (var group in others.GroupBy(l => lines[l].Category).OrderBy(g => categoryRank[g.Key]))
            {
                var members = group.ToList();
                if (members.Count == 1)
                {
                    AddLine(members[0]);
                    continue;
                }
                var producers = members.Select(l => lines[l].Producer).Distinct(StringComparer.Ordinal).Count();
                var money = members.Sum(l => f.LineFunding[l]);
                var node = AddNode(
                    new SankeyNode($"category-lines:{group.Key}", SankeyColumn.Lines, "group", null,
                        $"{producers} other producers: {group.Key}",
                        $"{members.Count} {group.Key} lines of {producers} other producers: {Html.Money(money)} {currency}",
                        CategoryColor(group.Key), members.Count) { Category = group.Key },
                    (categoryRank[group.Key], 1, 0, -money));
                foreach (var l in members) lineNode[l] = node;
            }
            var otherProducers = producerMoney.Count - kept.Count;
            notes.Add($"{Html.I(funded.Count)} lines of {Html.I(producerMoney.Count)} producers are funded. " +
                (kept.Count == 0
                    ? $"No producer receives {Html.Percent(MinProducerShare, 1)} of the money, so lines are grouped by category (\"other producers: category\")."
                    : $"The {Html.I(kept.Count)} producers with at least {Html.Percent(MinProducerShare, 1)} of the money are drawn with their main lines " +
                      $"(smaller ones as \"other lines of producer\"); the lines of the other {Html.I(otherProducers)} producers are grouped by category (\"other producers: category\")."));
        }

        // ---- Needs (right column) ----
        var needNode = Enumerable.Repeat(-1, needs.Count).ToArray();
        var reached = Enumerable.Range(0, needs.Count).Where(n => needIn[n] > tiny).ToList();
        int AddNeed(int n) => needNode[n] = AddNode(
            new SankeyNode($"need:{n}", SankeyColumn.Needs, "need", needs[n].Id, needs[n].Id, NeedTitle(f, n, needIn[n]),
                CategoryColor(needs[n].Category), 1) { Category = needs[n].Category },
            (categoryRank[needs[n].Category], 0, needs[n].DueBy, n));
        if (reached.Count <= MaxNeedNodes)
        {
            foreach (var n in reached) AddNeed(n);
        }
        else
        {
            var delivered = reached.Sum(n => needIn[n]);
            var singles = reached.OrderByDescending(n => needIn[n]).ThenBy(n => n)
                .Where(n => needIn[n] >= MinNeedShare * delivered).Take(MaxSingleNeeds).ToHashSet();
            foreach (var n in reached.Where(singles.Contains)) AddNeed(n);
            foreach (var group in reached.Where(n => !singles.Contains(n)).GroupBy(n => needs[n].Category).OrderBy(g => categoryRank[g.Key]))
            {
                var members = group.ToList();
                if (members.Count == 1)
                {
                    AddNeed(members[0]);
                    continue;
                }
                var money = members.Sum(n => needIn[n]);
                var node = AddNode(
                    new SankeyNode($"category-needs:{group.Key}", SankeyColumn.Needs, "group", null,
                        $"{members.Count} other needs: {group.Key}",
                        $"{members.Count} smaller {group.Key} needs: {Html.Money(money)} {currency} worth of units",
                        CategoryColor(group.Key), members.Count) { Category = group.Key },
                    (categoryRank[group.Key], 1, 0, -money));
                foreach (var n in members) needNode[n] = node;
            }
            notes.Add($"{Html.I(reached.Count)} needs receive units; the {Html.I(singles.Count)} largest are drawn separately, the others grouped by category (\"other needs: category\").");
        }
        var unreached = Enumerable.Range(0, needs.Count).Where(n => needIn[n] <= tiny).ToList();
        if (unreached.Count > 0)
            notes.Add($"{Html.I(unreached.Count)} {(unreached.Count == 1 ? "need receives" : "needs receive")} nothing and {(unreached.Count == 1 ? "is" : "are")} not in the diagram: " +
                string.Join(", ", unreached.Take(8).Select(n => needs[n].Id)) + (unreached.Count > 8 ? ", …" : "") + ".");

        // ---- Donors (left column) ----
        var donorNode = Enumerable.Repeat(-1, donors.Count).ToArray();
        var donorSingles = Enumerable.Range(0, donors.Count).ToList();
        if (donors.Count > MaxDonorNodes)
        {
            donorSingles = donorSingles.OrderByDescending(d => f.DonorCommitted[d]).ThenByDescending(d => f.DonorAvailable[d]).ThenBy(d => d)
                .Take(MaxDonorNodes - 1).Order().ToList();
            var rest = Enumerable.Range(0, donors.Count).Except(donorSingles).ToList();
            var node = AddNode(
                new SankeyNode("donors:other", SankeyColumn.Donors, "group", null, $"{rest.Count} other donors",
                    $"{rest.Count} smaller donors: {Html.Money(rest.Sum(d => f.DonorCommitted[d]))} of {Html.Money(rest.Sum(d => f.DonorAvailable[d]))} {currency} committed",
                    Palette.Donor, rest.Count),
                (0, 0, 0, 0));
            foreach (var d in rest) donorNode[d] = node;
            notes.Add($"{Html.I(donors.Count)} donors: the {Html.I(donorSingles.Count)} that commit the most are drawn separately, the rest as \"other donors\".");
        }
        foreach (var d in donorSingles)
            donorNode[d] = AddNode(
                new SankeyNode($"donor:{d}", SankeyColumn.Donors, "donor", donors[d].Id, f.DonorName(d),
                    $"{f.DonorName(d)} ({donors[d].Id}): {Html.Money(f.DonorCommitted[d])} of {Html.Money(f.DonorAvailable[d])} {currency} committed ({Html.Percent(f.DonorCommitted[d], f.DonorAvailable[d])})",
                    Palette.Donor, 1),
                (0, 0, 0, d));

        // ---- Remainders: money not committed, money committed but not delivered ----
        var unallocated = Enumerable.Range(0, donors.Count).Select(d => Math.Max(0, f.DonorAvailable[d] - f.DonorCommitted[d])).ToArray();
        var unallocatedNode = -1;
        if (unallocated.Sum() >= MinRemainderShare * available && unallocated.Sum() > tiny)
            unallocatedNode = AddNode(
                new SankeyNode("unallocated", SankeyColumn.Lines, "unallocated", null, "not committed",
                    $"Money not committed: {Html.Money(unallocated.Sum())} {currency} ({Html.Percent(unallocated.Sum(), available)} of the pledges)",
                    Palette.Unallocated, 0),
                (double.MaxValue, 0, 0, 0));
        var undelivered = Enumerable.Range(0, lines.Count).Select(l => Math.Max(0, f.LineFunding[l] - lineOut[l])).ToArray();
        var undeliveredNode = -1;
        if (undelivered.Sum() >= MinRemainderShare * committed && undelivered.Sum() > tiny)
            undeliveredNode = AddNode(
                new SankeyNode("undelivered", SankeyColumn.Needs, "undelivered", null, "funded, not delivered to a need",
                    $"Units funded but not delivered to any need: {Html.Money(undelivered.Sum())} {currency}",
                    Palette.Unallocated, 0),
                (double.MaxValue, 0, 0, 0));

        // ---- Links, aggregated between the (possibly grouped) nodes ----
        var money2 = new Dictionary<(int, int), double>();
        void Flow(int source, int target, double value)
        {
            if (source < 0 || target < 0 || value <= tiny) return;
            money2[(source, target)] = money2.GetValueOrDefault((source, target)) + value;
        }
        foreach (var (d, l, money) in f.DonorLineMoney) Flow(donorNode[d], lineNode[l], money);
        for (var d = 0; d < donors.Count; d++) Flow(donorNode[d], unallocatedNode, unallocated[d]);
        foreach (var (l, n, money) in f.LineNeedMoney) Flow(lineNode[l], needNode[n], money);
        for (var l = 0; l < lines.Count; l++) Flow(lineNode[l], undeliveredNode, undelivered[l]);

        // Donors are ordered by the mean position of the lines they pay for, which keeps crossings down.
        var middleOrder = Enumerable.Range(0, nodes.Count).Where(i => nodes[i].Column == SankeyColumn.Lines)
            .OrderBy(i => sortKeys[i]).Select((i, rank) => (i, rank)).ToDictionary(e => e.i, e => e.rank);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Column != SankeyColumn.Donors) continue;
            double weight = 0, sum = 0;
            foreach (var ((s, t), value) in money2)
                if (s == i && t != unallocatedNode)
                {
                    weight += value;
                    sum += value * middleOrder[t];
                }
            var isGroup = nodes[i].Kind == "group" ? 1 : 0;
            sortKeys[i] = (isGroup, weight > 0 ? sum / weight : double.MaxValue, sortKeys[i].D, 0);
        }

        // Final order: by column, then by sort key; links renumbered.
        var order = Enumerable.Range(0, nodes.Count).OrderBy(i => (int)nodes[i].Column).ThenBy(i => sortKeys[i]).ToArray();
        var newIndex = new int[nodes.Count];
        for (var k = 0; k < order.Length; k++) newIndex[order[k]] = k;
        var finalNodes = order.Select(i => nodes[i]).ToList();
        var links = money2
            .Select(e => (Source: newIndex[e.Key.Item1], Target: newIndex[e.Key.Item2], e.Value))
            .OrderBy(e => e.Source).ThenBy(e => e.Target)
            .Select(e =>
            {
                var target = finalNodes[e.Target];
                var source = finalNodes[e.Source];
                var color = target.Kind == "unallocated" ? Palette.Unallocated
                    : source.Column == SankeyColumn.Donors ? target.Color
                    : source.Color;
                return new SankeyLink(e.Source, e.Target, e.Value, color);
            })
            .ToList();
        var inflow = new double[finalNodes.Count];
        var outflow = new double[finalNodes.Count];
        foreach (var link in links)
        {
            outflow[link.Source] += link.Value;
            inflow[link.Target] += link.Value;
        }
        for (var i = 0; i < finalNodes.Count; i++) finalNodes[i].Value = Math.Max(inflow[i], outflow[i]);
        // A donor that committed nothing (and whose unspent money is too small for a node) has no flow: drop it.
        var keep = Enumerable.Range(0, finalNodes.Count).Where(i => finalNodes[i].Value > 0).ToArray();
        if (keep.Length < finalNodes.Count)
        {
            var renumber = new int[finalNodes.Count];
            for (var k = 0; k < keep.Length; k++) renumber[keep[k]] = k;
            links = links.Select(x => x with { Source = renumber[x.Source], Target = renumber[x.Target] }).ToList();
            finalNodes = keep.Select(i => finalNodes[i]).ToList();
        }
        var graph = new SankeyGraph { Nodes = finalNodes, Links = links, Notes = notes };
        SankeyLabels.Apply(graph);
        return graph;
    }

    private static string Dominant(IEnumerable<(string Category, double Money)> items) =>
        items.GroupBy(x => x.Category).Select(g => (g.Key, Money: g.Sum(x => x.Money)))
            .OrderByDescending(x => x.Money).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;

    private static string LineTitle(PlanFacts f, int l)
    {
        var line = f.Request.Lines[l];
        var what = string.IsNullOrWhiteSpace(line.Product) ? line.Category : $"{line.Product} ({line.Category})";
        return $"{line.Id}, {what}, producer {line.Producer} ({line.Country}): {Plain.Count(Html.Units(f.LineFundedUnits[l]), "unit")} funded for {Html.Money(f.LineFunding[l])} {f.Currency}";
    }

    private static string NeedTitle(PlanFacts f, int n, double money)
    {
        var need = f.Request.Needs[n];
        return $"{need.Id} ({need.Category}): {Html.Units(f.NeedDelivered[n])} of {Plain.Count(Html.Units(need.Quantity), "unit")}, {Html.Units(f.NeedOnTime[n])} on time; {Html.Money(money)} {f.Currency} worth";
    }
}
