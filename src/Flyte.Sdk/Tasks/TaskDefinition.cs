using Flyte.Generation;
using Flyteidl2.Core;

namespace Flyte.Tasks;

/// <summary>
/// Everything Flyte needs about one [Task] or [Workflow] method, generated at compile time:
/// its declaration, its typed interface, and an invoker that decodes input literals, calls the
/// method and encodes the outputs. No reflection.
/// </summary>
public abstract class TaskDefinition
{
    /// <summary>A definition of the task <paramref name="declaration"/> describes.</summary>
    protected TaskDefinition(TaskDeclaration declaration) => Declaration = declaration;

    /// <summary>What the task's method and attributes declare.</summary>
    public TaskDeclaration Declaration { get; }

    /// <summary><c>&lt;environment&gt;.&lt;function&gt;</c>, the task id name.</summary>
    public string Name => Declaration.Name;

    /// <summary>Retries, timeout and cache settings.</summary>
    public TaskPolicy Policy => Declaration.Policy;

    /// <summary>Inputs and outputs, each sorted by name, as Flyte registers them.</summary>
    public abstract TypedInterface Interface { get; }

    /// <summary>flyte-sdk's interface hash of <see cref="Interface"/>; computed once, as it feeds every cache key and child name.</summary>
    public string InterfaceHash => _interfaceHash ??= Hashing.InterfaceHash.Compute(Interface);

    private string? _interfaceHash;

    /// <summary>flyte-sdk's task identity hash (name, interface, cache version), which names every call of the task;
    /// computed once.</summary>
    internal string Identity => _identity ??= Hashing.TaskIdentity.Compute(Name, InterfaceHash, Policy.CacheVersion);

    private string? _identity;

    /// <summary>The names the task declares its secrets by; computed once, as every attempt checks them.</summary>
    internal IReadOnlyCollection<string> DeclaredSecretNames => _declaredSecretNames ??= TaskSecrets.NamesOf(Declaration);

    private IReadOnlyCollection<string>? _declaredSecretNames;

    /// <summary>Input names in declaration order: the order literals are written (and hashed) in.</summary>
    public abstract IReadOnlyList<string> InputNames { get; }

    /// <summary>
    /// The inputs' default values (the method's optional parameters) as literals: the spec's <c>default_inputs</c>, which a
    /// control plane fills into runs that leave those inputs out (flyte-sdk's <c>convert_upload_default_inputs</c>).
    /// </summary>
    public virtual LiteralMap DefaultInputs => new();

    /// <summary>Decodes <paramref name="inputs"/>, runs the method, and encodes its outputs.</summary>
    public abstract Task<LiteralMap> InvokeAsync(LiteralMap inputs, ITaskContext context, CancellationToken cancellationToken);

    /// <summary>The template as registered; version, image and code bundle come from <paramref name="settings"/>.</summary>
    internal TaskTemplate CreateTemplate(TaskTemplateSettings settings) => TaskTemplates.Create(this, settings);

    /// <summary>The spec <c>TaskService.DeployTask</c> and <c>CreateRun</c> take.</summary>
    internal Flyteidl2.Task.TaskSpec CreateSpec(TaskTemplateSettings settings) => TaskTemplates.CreateSpec(this, settings);

    /// <inheritdoc />
    public override string ToString() => Name;
}
