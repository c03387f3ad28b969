using System.Reflection;
using System.Xml.Linq;
using Flyte.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Tests;

/// <summary>
/// The catalogue of FLY diagnostics (docs/diagnostics/README.md): every descriptor links to its page in this repository,
/// the page exists and is about it, and the release tracking files list it.
/// </summary>
public class DiagnosticCatalogueTests
{
    private static readonly string PagesFolder = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics");

    /// <summary>The names of the public static <see cref="DiagnosticDescriptor"/> fields of <see cref="DiagnosticDescriptors"/>.</summary>
    public static TheoryData<string> DescriptorFields()
    {
        var data = new TheoryData<string>();
        foreach (var field in Fields())
        {
            data.Add(field.Name);
        }
        return data;
    }

    [Fact]
    public void Every_descriptor_has_its_own_id()
    {
        var ids = Fields().Select(f => Descriptor(f.Name).Id).ToList();

        Assert.NotEmpty(ids);
        Assert.Empty(ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(ids, id => Assert.Matches("^FLY[0-9]{3}$", id));
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Help_link_is_the_page_of_the_id_in_this_repository(string field)
    {
        var descriptor = Descriptor(field);
        string repositoryUrl = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))
            .Descendants("RepositoryUrl").Single().Value.TrimEnd('/');

        Assert.Equal($"{repositoryUrl}/blob/main/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Page_exists_and_starts_with_the_id_and_title(string field)
    {
        var descriptor = Descriptor(field);
        string page = Path.Combine(PagesFolder, descriptor.Id + ".md");

        Assert.True(File.Exists(page), $"{descriptor.Id} has no page: write {page}");
        string firstLine = File.ReadLines(page).FirstOrDefault() ?? "";
        Assert.Equal($"# {descriptor.Id}: {descriptor.Title}", firstLine);
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Index_lists_the_page(string field)
    {
        var descriptor = Descriptor(field);
        string index = File.ReadAllText(Path.Combine(PagesFolder, "README.md"));

        Assert.Contains($"({descriptor.Id}.md)", index);
    }

    [Theory]
    [MemberData(nameof(DescriptorFields))]
    public void Release_tracking_lists_the_id_as_a_new_rule(string field)
    {
        var descriptor = Descriptor(field);
        var newRules = NewRuleIds("AnalyzerReleases.Shipped.md").Concat(NewRuleIds("AnalyzerReleases.Unshipped.md")).ToList();

        // The build's release tracking analyzer (RS2000-RS2008) checks the category and severity of each line.
        Assert.Contains(descriptor.Id, newRules);
    }

    [Fact]
    public void Every_page_belongs_to_a_descriptor()
    {
        var ids = Fields().Select(f => Descriptor(f.Name).Id).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(PagesFolder, "FLY*.md").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.True(ids.Contains(page!), $"docs/diagnostics/{page}.md has no descriptor"));
    }

    private static IEnumerable<FieldInfo> Fields() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor));

    private static DiagnosticDescriptor Descriptor(string field) =>
        (DiagnosticDescriptor)typeof(DiagnosticDescriptors).GetField(field, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The ids in the "### New Rules" tables of a release tracking file.</summary>
    private static IEnumerable<string> NewRuleIds(string fileName)
    {
        bool inNewRules = false;
        foreach (string raw in File.ReadLines(Path.Combine(RepositoryPaths.Root, "src", "Flyte.Generators", fileName)))
        {
            string line = raw.Trim();
            if (line.StartsWith('#'))
            {
                inNewRules = line.Equals("### New Rules", StringComparison.OrdinalIgnoreCase);
                continue;
            }
            if (!inNewRules || !line.Contains('|') || line.StartsWith(';'))
            {
                continue;
            }
            string id = line.Trim('|').Split('|')[0].Trim();
            if (id != "Rule ID" && !id.StartsWith('-'))
            {
                yield return id;
            }
        }
    }
}
