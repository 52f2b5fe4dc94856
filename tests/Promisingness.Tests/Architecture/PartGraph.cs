using Mono.Cecil;

namespace Promisingness.Tests.Architecture;

/// <summary>
/// Which parts of the wiki use which, read from the compiled assembly (Razor components included, as they
/// compile to classes): a part is a namespace under Promisingness.Web cut to its first segment ("Data",
/// "Security"), or to two under Features and Components ("Features.Search", "Components.Shared").
/// </summary>
public sealed class PartGraph
{
    private const string Root = "Promisingness.Web";

    /// <summary>Part → the parts it uses, each with one type that shows it (for the failure message).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Uses { get; }

    private PartGraph(Dictionary<string, Dictionary<string, string>> uses) => Uses = uses;

    public static PartGraph Of(string assemblyPath)
    {
        var uses = new Dictionary<string, Dictionary<string, string>>();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            if (PartOf(type) is not { } from)
            {
                continue;
            }
            var edges = uses.TryGetValue(from, out var found) ? found : uses[from] = [];
            foreach (var used in Referenced(type))
            {
                if (PartOf(used) is { } to && to != from)
                {
                    edges.TryAdd(to, $"{Outermost(type).FullName} uses {used.FullName}");
                }
            }
        }
        return new PartGraph(uses);
    }

    public static string? PartOf(TypeReference type)
    {
        var outermost = Outermost(type);
        var ns = outermost.Namespace;
        // Program.cs's top-level statements compile to a class in no namespace.
        if (ns.Length == 0 && outermost.Name == "Program" && outermost.Scope is ModuleDefinition)
        {
            return "Root";
        }
        if (ns != Root && !ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }
        var segments = ns.Length == Root.Length ? [] : ns[(Root.Length + 1)..].Split('.');
        return segments.Length == 0 ? "Root"
            : segments[0] is "Features" or "Components" && segments.Length > 1 ? $"{segments[0]}.{segments[1]}"
            : segments[0];
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        return type;
    }

    /// <summary>Every type a type's signatures, attributes and method bodies name.</summary>
    private static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    generic.GenericArguments.ToList().ForEach(Add);
                    return;
                case TypeSpecification spec:
                    Add(spec.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(t);
                    return;
            }
        }
        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments)
                {
                    Add(argument.Type);
                    Add(argument.Value as TypeReference);
                }
            }
        }
        Add(type.BaseType);
        type.Interfaces.ToList().ForEach(i => Add(i.InterfaceType));
        AddAttributes(type);
        type.Fields.ToList().ForEach(f => { Add(f.FieldType); AddAttributes(f); });
        type.Properties.ToList().ForEach(p => { Add(p.PropertyType); AddAttributes(p); });
        foreach (var method in type.Methods)
        {
            Add(method.ReturnType);
            AddAttributes(method);
            method.Parameters.ToList().ForEach(p => Add(p.ParameterType));
            if (!method.HasBody)
            {
                continue;
            }
            method.Body.Variables.ToList().ForEach(v => Add(v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MethodReference m:
                        Add(m.DeclaringType);
                        Add(m.ReturnType);
                        m.Parameters.ToList().ForEach(p => Add(p.ParameterType));
                        if (m is GenericInstanceMethod g)
                        {
                            g.GenericArguments.ToList().ForEach(Add);
                        }
                        break;
                    case FieldReference f:
                        Add(f.DeclaringType);
                        Add(f.FieldType);
                        break;
                }
            }
        }
        return found;
    }

    /// <summary>The parts that use each other, directly or around a loop: each loop once, as "A → B → A".</summary>
    public IReadOnlyList<string> Loops()
    {
        // Tarjan's strongly connected components: a component of more than one part is a loop.
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var loops = new List<string>();
        void Visit(string part)
        {
            index[part] = low[part] = index.Count;
            stack.Push(part);
            onStack.Add(part);
            foreach (var next in Uses.TryGetValue(part, out var edges) ? [.. edges.Keys] : Array.Empty<string>())
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[part] = Math.Min(low[part], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[part] = Math.Min(low[part], index[next]);
                }
            }
            if (low[part] == index[part])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != part);
                if (component.Count > 1)
                {
                    loops.Add(string.Join(", ", component.Order(StringComparer.Ordinal)));
                }
            }
        }
        foreach (var part in Uses.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(part))
            {
                Visit(part);
            }
        }
        return loops;
    }
}
