# ruff: noqa: E501  (the table rows below are data; wrapping them would split aliases)
"""Curated skills, aliases and stop-lists: our own data, added on top of the licensed sources.

The public sources name products the way vendors do ("Oracle Java", "Atlassian JIRA") and lack the short forms
people write in job posts ("k8s", "Postgres", "TS"). This table fills that gap. It is read only by
``build_taxonomy``; the runtime reads the built ``data/taxonomy.json.gz``.

Row format: ``Canonical | category | alias; alias; ... | flags``.
Flags: ``cs`` matches the canonical name only in the case written here (Swift the language, not "swift
delivery"); ``ctx`` additionally needs programming context nearby (a list of other technologies, or words such
as "programming"), used for very short or very common names (Go, R, C, Spring). An alias written with a
leading ``=`` is matched case-sensitively even when the skill is not (``=REST``). An alias with a leading ``~``
is case-sensitive and needs context.
"""

from __future__ import annotations

CURATED_TABLE = r"""
# --- programming languages
Python | language | python3; python 3; python2; py3; cpython |
JavaScript | language | js; javascript es6; es6; ecmascript; vanilla js; vanilla javascript; =JS |
TypeScript | language | ts; =TS |
Java | language | oracle java; java se; java ee; jakarta ee; core java; java 8; java 11; java 17; java 21; j2ee; java-ee |
Kotlin | language | |
Scala | language | |
Go | language | golang; go lang; ~Go | cs ctx
Rust | language | rust-lang; rustlang | cs
C | language | ~C; ansi c; c language; c programming; embedded c | cs ctx
C++ | language | cpp; c plus plus; c++11; c++14; c++17; c++20; modern c++ |
C# | language | c sharp; csharp; c#.net |
F# | language | fsharp |
Objective-C | language | objective c; objc; obj-c |
Swift | language | | cs
Ruby | language | | cs
PHP | language | php7; php 8; php8 |
Perl | language | |
R | language | ~R; r programming; r language; rstats; rstudio | cs ctx
Julia | language | | cs ctx
MATLAB | language | the mathworks matlab; mathworks matlab; matlab/simulink |
SAS | language | sas programming; sas base; base sas | cs
Stata | language | statacorp stata |
Dart | language | | cs ctx
Elixir | language | | cs
Erlang | language | |
Haskell | language | |
Clojure | language | |
OCaml | language | |
Lua | language | |
Groovy | language | apache groovy | cs ctx
Fortran | language | formula translation/translator fortran |
COBOL | language | common business oriented language cobol |
Visual Basic | language | vb; vb6; microsoft visual basic; =VB |
VBA | language | microsoft visual basic for applications vba; visual basic for applications; excel vba |
VB.NET | language | vb .net; visual basic .net |
Assembly | language | assembly language; asm; x86 assembly; arm assembly | cs ctx
Solidity | language | |
Elm | language | | cs ctx
Zig | language | ziglang | cs ctx
Crystal | language | crystal-lang | cs ctx
Lisp | language | common lisp |
Prolog | language | |
Apex | language | salesforce apex | cs ctx
ABAP | language | sap abap; advanced business application programming abap |
PL/SQL | language | plsql; pl-sql; oracle pl/sql |
T-SQL | language | tsql; transact-sql; transact sql |
SQL | database | structured query language; structured query language sql; ansi sql |
Bash | language | bash scripting; bash script; bourne again shell |
Shell scripting | language | shell script; shell scripts; unix shell; unix shell scripting; linux shell scripting; sh |
PowerShell | language | microsoft powershell; powershell scripting |
Perl 6 | language | raku |
Verilog | language | systemverilog; system verilog |
VHDL | language | |
Delphi | language | object pascal; delphi technology |
Pascal | language | |
WebAssembly | language | wasm |
GLSL | language | |
CUDA | language | cuda c |
HTML | markup | html5; html 5; hypertext markup language; hypertext markup language html; xhtml |
CSS | markup | css3; css 3; cascading style sheets; cascading style sheets css |
Sass | markup | scss |
Less | markup | =LESS; less.js | cs ctx
XML | data | extensible markup language; extensible markup language xml |
JSON | data | javascript object notation; javascript object notation json |
YAML | data | |
Markdown | markup | |
LaTeX | markup | tex |
Protocol Buffers | data | protobuf; protobufs; grpc protobuf |
# --- frontend frameworks and libraries
React | framework | react.js; reactjs; react js; react 18; react hooks |
React Native | framework | react-native |
Redux | framework | redux toolkit |
Next.js | framework | nextjs; next js |
Angular | framework | angularjs; angular.js; angular 2+; google angular; angular js |
Vue.js | framework | vue; vuejs; vue js; vue 3 |
Nuxt.js | framework | nuxt; nuxtjs |
Svelte | framework | sveltekit; svelte kit |
jQuery | framework | jquery ui |
Tailwind CSS | framework | tailwind; tailwindcss |
Bootstrap | framework | twitter bootstrap | cs ctx
Material UI | framework | mui; material-ui |
Storybook | tool | |
Webpack | tool | |
Vite | tool | vitejs | cs ctx
Babel | tool | | cs ctx
Ember.js | framework | ember; emberjs |
Backbone.js | framework | backbone; backbonejs |
D3.js | framework | d3; d3js |
Three.js | framework | threejs |
Flutter | framework | |
SwiftUI | framework | |
Jetpack Compose | framework | |
Ionic | framework | | cs
Electron | framework | electron.js; electronjs | cs ctx
Xamarin | framework | |
Unity | tool | unity3d; unity 3d; unity engine | cs ctx
Unreal Engine | tool | unreal; ue4; ue5 |
# --- backend frameworks
Node.js | framework | node; nodejs; node js; node.js runtime |
Express | framework | express.js; expressjs; ~Express | cs ctx
NestJS | framework | nest.js; nest js |
Deno | framework | |
Django | framework | django rest framework; drf; django-rest-framework |
Flask | framework | | cs
FastAPI | framework | fast api |
Spring | framework | spring framework; spring mvc; ~Spring | cs ctx
Spring Boot | framework | springboot; spring-boot |
Hibernate | framework | |
Ruby on Rails | framework | rails; ror; ruby-on-rails; ruby on rails framework |
Laravel | framework | |
Symfony | framework | |
ASP.NET | framework | asp .net; asp.net mvc; asp.net core; microsoft asp.net; asp.net-web-api; asp.net web api |
.NET | framework | dotnet; .net core; .net framework; .net 6; .net 8; microsoft .net framework; . net |
Entity Framework | framework | ef core; entity framework core |
Blazor | framework | |
Phoenix | framework | elixir phoenix; phoenix framework | cs ctx
Gin | framework | | cs ctx
Actix | framework | |
Play Framework | framework | |
Quarkus | framework | |
Micronaut | framework | |
Struts | framework | apache struts |
JSP | framework | javaserver pages; oracle javaserver pages jsp |
GraphQL | concept | graph ql; apollo graphql |
Apollo | framework | apollo client; apollo server | cs ctx
gRPC | concept | grpc |
REST | concept | rest api; rest apis; restful; restful api; restful apis; restful services; rest services; restful web services; =REST; web-services; rest-api |
SOAP | concept | =SOAP |
WebSockets | concept | websocket; web sockets |
Microservices | concept | microservice; micro-services; microservice architecture; microservices architecture |
Serverless | concept | serverless architecture |
OAuth | concept | oauth2; oauth 2.0 |
# --- data / ML
pandas | library | | cs ctx
NumPy | library | numpy |
SciPy | library | scipy |
scikit-learn | library | sklearn; scikit learn; scikit |
PyTorch | library | pytorch; torch |
TensorFlow | library | tensorflow; tf2 |
Keras | library | |
JAX | library | | cs ctx
Hugging Face | library | huggingface; hugging face transformers; transformers library |
XGBoost | library | |
LightGBM | library | |
spaCy | library | spacy |
NLTK | library | |
OpenCV | library | |
Matplotlib | library | |
Seaborn | library | |
Plotly | library | |
LangChain | library | |
LlamaIndex | library | |
Apache Spark | data | spark; pyspark; =Spark; spark sql; sparksql |
Apache Hadoop | data | hadoop; hdfs; mapreduce |
Apache Kafka | data | kafka; kafka streams |
Apache Flink | data | flink |
Apache Beam | data | |
Apache Airflow | data | airflow |
Apache Hive | data | =Hive; hiveql |
Apache Pig | data | |
Apache NiFi | data | nifi |
dbt | data | data build tool; dbt core; dbt cloud |
Snowflake | database | snowflake data cloud | cs
Databricks | data | |
BigQuery | database | google bigquery; big query |
Amazon Redshift | database | redshift; aws redshift |
Looker | tool | | cs
Tableau | tool | tableau desktop |
Power BI | tool | powerbi; microsoft power bi; power-bi |
Qlik | tool | qlikview; qlik sense; qlik tech qlikview |
Excel | tool | microsoft excel; ms excel; =Excel; advanced excel | cs
Google Sheets | tool | |
Machine learning | concept | ml; =ML; machine-learning |
Deep learning | concept | deep-learning |
Natural language processing | concept | nlp; =NLP |
Computer vision | concept | |
Large language models | concept | llm; llms; =LLM; =LLMs; large language model |
Generative AI | concept | genai; gen ai; generative artificial intelligence |
Artificial intelligence | concept | =AI; ai/ml |
Data science | concept | |
Data analysis | concept | data analytics; data analyst skills |
Data engineering | concept | |
Data modeling | concept | data modelling; data-modeling |
Data warehousing | concept | data warehouse; data warehouses; edw |
ETL | concept | elt; etl pipelines; extract transform load |
Statistics | concept | statistical analysis; statistical modeling; statistical modelling |
A/B testing | concept | ab testing; split testing |
MLOps | concept | ml ops |
Reinforcement learning | concept | |
Retrieval-augmented generation | concept | rag; =RAG |
Prompt engineering | concept | |
# --- databases
PostgreSQL | database | postgres; postgresql; psql; postgre; pgsql |
MySQL | database | mariadb |
SQLite | database | |
Microsoft SQL Server | database | sql server; mssql; ms sql; ms sql server; microsoft sql server |
Oracle Database | database | oracle db; oracle rdbms; =Oracle; oracle 19c |
MongoDB | database | mongo; mongo db |
Redis | database | |
Elasticsearch | database | elastic search; elk stack; elk; opensearch |
Cassandra | database | apache cassandra |
DynamoDB | database | amazon dynamodb; aws dynamodb; dynamo db |
Neo4j | database | |
CouchDB | database | apache couchdb; couchbase |
Firebase | database | firestore; firebase realtime database |
Supabase | database | |
ClickHouse | database | |
Teradata | database | teradata database |
NoSQL | database | no-sql; nosql databases |
Pinecone | database | | cs ctx
Memcached | database | |
RabbitMQ | tool | rabbit mq |
ActiveMQ | tool | apache activemq |
Amazon SQS | cloud | sqs; aws sqs |
# --- cloud
Amazon Web Services | cloud | aws; amazon web services aws software; amazon-web-services; =AWS; aws cloud |
Microsoft Azure | cloud | azure; microsoft azure software; azure cloud; azure devops services |
Google Cloud Platform | cloud | gcp; google cloud; =GCP; google cloud platform gcp |
Amazon EC2 | cloud | ec2; aws ec2; amazon elastic compute cloud; amazon elastic compute cloud ec2 |
Amazon S3 | cloud | s3; aws s3; amazon simple storage service; amazon simple storage service s3 |
AWS Lambda | cloud | lambda functions; =Lambda |
Amazon ECS | cloud | ecs; aws ecs; fargate; aws fargate |
Amazon EKS | cloud | eks; aws eks |
Amazon RDS | cloud | rds; aws rds; amazon aurora; aurora |
AWS CloudFormation | cloud | cloudformation |
AWS IAM | cloud | iam | cs
Amazon CloudWatch | cloud | cloudwatch |
Amazon SageMaker | cloud | sagemaker; aws sagemaker |
Amazon Kinesis | cloud | kinesis |
Amazon SNS | cloud | sns; aws sns |
AWS Glue | cloud | glue etl |
Amazon Route 53 | cloud | route 53; route53 |
Amazon API Gateway | cloud | api gateway; aws api gateway |
Amazon Bedrock | cloud | aws bedrock |
Azure Functions | cloud | |
Azure Data Factory | cloud | adf |
Azure Kubernetes Service | cloud | aks |
Google Kubernetes Engine | cloud | gke |
Google Cloud Run | cloud | cloud run |
Google Cloud Functions | cloud | cloud functions |
Heroku | cloud | |
Vercel | cloud | | cs
Netlify | cloud | |
DigitalOcean | cloud | digital ocean |
Cloudflare | cloud | cloudflare workers |
OpenStack | cloud | |
Salesforce | tool | salesforce software; salesforce crm; sfdc |
SAP | tool | sap software; sap erp; sap s/4hana; s/4hana | cs
ServiceNow | tool | |
Workday | tool | | cs
HubSpot | tool | hubspot crm |
NetSuite | tool | netsuite erp; oracle netsuite |
Microsoft Dynamics 365 | tool | dynamics 365; microsoft dynamics; dynamics crm; d365 |
# --- devops / infrastructure
Docker | devops | docker compose; docker-compose; containerization; containerisation; dockerfile |
Kubernetes | devops | k8s; kubernetes; kube; kubectl; k8 |
Helm | devops | helm charts | cs
OpenShift | devops | red hat openshift |
Terraform | devops | hashicorp terraform; terraform cloud |
Pulumi | devops | |
Ansible | devops | ansible software; red hat ansible |
Puppet | devops | | cs ctx
Chef | devops | | cs ctx
Vagrant | devops | | cs
Packer | devops | hashicorp packer | cs ctx
HashiCorp Vault | devops | vault | cs ctx
Consul | devops | | cs ctx
Jenkins | devops | | cs
GitHub Actions | devops | gh actions |
GitLab CI | devops | gitlab ci/cd; gitlab-ci |
CircleCI | devops | circle ci |
Travis CI | devops | travis |
Argo CD | devops | argocd; argo |
Spinnaker | devops | |
CI/CD | devops | ci / cd; ci-cd; cicd; continuous integration; continuous delivery; continuous deployment; continuous integration/continuous delivery; continuous integration and continuous delivery; ci pipelines; cd pipelines |
DevOps | devops | dev ops |
Site reliability engineering | devops | sre; =SRE |
Infrastructure as code | devops | iac; infrastructure-as-code |
Prometheus | devops | |
Grafana | devops | |
Datadog | devops | data dog |
New Relic | devops | newrelic |
Splunk | devops | splunk enterprise |
Sentry | devops | | cs ctx
PagerDuty | devops | |
OpenTelemetry | devops | otel |
Nginx | devops | |
Apache HTTP Server | devops | apache httpd; httpd |
Apache Tomcat | devops | tomcat |
Istio | devops | |
Envoy | devops | | cs ctx
Linux | os | gnu/linux; linux administration |
Unix | os | =UNIX |
Ubuntu | os | |
Red Hat Enterprise Linux | os | rhel; red hat linux; centos |
Windows Server | os | microsoft windows server |
macOS | os | mac os; os x; osx; apple macos |
Android | os | android sdk; android development |
iOS | os | ios development; =iOS; ios sdk |
VMware | devops | vmware vsphere; vsphere; esxi |
Networking | concept | tcp/ip; computer networking; network protocols |
DNS | concept | =DNS |
Git | tool | git version control |
GitHub | tool | |
GitLab | tool | |
Bitbucket | tool | |
Subversion | tool | svn; apache subversion svn; apache subversion |
Jira | tool | atlassian jira; jira software |
Confluence | tool | atlassian confluence | cs
Trello | tool | |
Asana | tool | | cs
Notion | tool | | cs ctx
Slack | tool | | cs
Figma | tool | |
Sketch | tool | | cs ctx
Adobe XD | tool | |
Adobe Photoshop | tool | photoshop |
Adobe Illustrator | tool | illustrator |
Adobe InDesign | tool | indesign |
Adobe After Effects | tool | after effects |
Adobe Premiere Pro | tool | premiere pro; adobe premiere |
Adobe Creative Suite | tool | adobe creative cloud; creative cloud; adobe cc; adobe creative cloud software |
Canva | tool | |
Webflow | tool | |
WordPress | tool | wordpress development |
Shopify | tool | shopify plus |
Magento | tool | adobe commerce |
Drupal | tool | |
Postman | tool | | cs
Swagger | tool | openapi; open api |
Visual Studio | tool | microsoft visual studio |
Visual Studio Code | tool | vs code; vscode |
IntelliJ IDEA | tool | intellij |
Eclipse | tool | eclipse ide | cs ctx
Xcode | tool | |
Android Studio | tool | |
Maven | tool | apache maven |
Gradle | tool | |
npm | tool | |
Yarn | tool | | cs ctx
pip | tool | | cs ctx
Poetry | tool | | cs ctx
Selenium | tool | selenium webdriver |
Cypress | tool | cypress.io |
Playwright | tool | |
Puppeteer | tool | |
Jest | tool | | cs
Mocha | tool | mocha.js | cs ctx
Chai | tool | chai.js | cs ctx
JUnit | tool | junit5 |
pytest | tool | py.test |
RSpec | tool | |
Cucumber | tool | | cs ctx
Appium | tool | |
JMeter | tool | apache jmeter |
LoadRunner | tool | hewlett packard loadrunner |
SonarQube | tool | sonar |
Microsoft Office | tool | ms office; microsoft office software; microsoft office suite; office 365; microsoft 365; m365 |
Microsoft Word | tool | ms word |
Microsoft PowerPoint | tool | powerpoint; ms powerpoint |
Microsoft Outlook | tool | ms outlook; =Outlook |
Microsoft Teams | tool | ms teams |
Microsoft Access | tool | ms access |
Microsoft Project | tool | ms project |
Microsoft Visio | tool | visio |
SharePoint | tool | microsoft sharepoint |
Google Workspace | tool | g suite; gsuite; google workspace software |
Google Analytics | tool | ga4; google analytics 4 |
Google Ads | tool | adwords; google adwords |
Google Tag Manager | tool | gtm |
Zendesk | tool | |
Intercom | tool | | cs ctx
Freshdesk | tool | |
Marketo | tool | marketo marketing automation |
Mailchimp | tool | |
QuickBooks | tool | intuit quickbooks |
Xero | tool | | cs
SPSS | tool | ibm spss statistics; ibm spss |
AutoCAD | tool | autodesk autocad |
SolidWorks | tool | dassault systemes solidworks |
Revit | tool | autodesk revit |
ArcGIS | tool | esri arcgis; esri arcgis software |
Zapier | tool | |
Airtable | tool | |
# --- security
Cybersecurity | concept | cyber security; information security; infosec; it security; cyber-security |
Penetration testing | concept | pen testing; pentesting; pentest |
SIEM | concept | =SIEM |
OWASP | concept | |
SOC 2 | concept | soc2; soc 2 type ii |
ISO 27001 | concept | iso/iec 27001 |
GDPR | concept | |
HIPAA | concept | |
PCI DSS | concept | pci-dss; pci compliance |
Identity and access management | concept | =IAM |
Zero trust | concept | zero-trust |
# --- practices and methods
Agile | methodology | agile methodology; agile methodologies; agile development; agile software development |
Scrum | methodology | scrum master; =SCRUM |
Kanban | methodology | |
Lean | methodology | lean six sigma; lean manufacturing | cs ctx
Six Sigma | methodology | |
Waterfall | methodology | | cs ctx
Test-driven development | methodology | tdd; test driven development |
Behavior-driven development | methodology | bdd; behaviour-driven development; behavior driven development |
Domain-driven design | methodology | ddd; domain driven design |
Object-oriented programming | concept | oop; object oriented programming; object-oriented design; ood; object oriented design |
Functional programming | concept | |
Design patterns | concept | |
Data structures | concept | data structures and algorithms; dsa |
Algorithms | concept | algorithm design |
Distributed systems | concept | |
System design | concept | systems design |
Software architecture | concept | solution architecture |
Unit testing | concept | unit tests; unit test |
Integration testing | concept | integration tests |
Automated testing | concept | test automation; automation testing; automated tests |
Quality assurance | concept | =QA; qa testing; software quality assurance |
Code review | concept | code reviews |
Version control | concept | source control |
Software development lifecycle | concept | sdlc; software development life cycle |
ITIL | methodology | |
PRINCE2 | methodology | |
PMP | methodology | project management professional |
Project management | concept | |
Product management | concept | |
Program management | concept | programme management |
Stakeholder management | concept | |
User experience design | concept | ux; =UX; ux design; user experience |
User interface design | concept | ui design; =UI; ui/ux; ux/ui |
User research | concept | usability testing |
Wireframing | concept | wireframes; prototyping |
Responsive design | concept | responsive web design |
Accessibility | concept | wcag; web accessibility; a11y | cs
Search engine optimization | concept | seo; =SEO |
Search engine marketing | concept | sem; =SEM; ppc |
Digital marketing | concept | |
Content marketing | concept | |
Email marketing | concept | |
Social media marketing | concept | |
Growth marketing | concept | |
CRM | concept | customer relationship management; customer relationship management crm software |
ERP | concept | enterprise resource planning; enterprise resource planning erp software |
Business intelligence | concept | =BI |
Financial modeling | concept | financial modelling |
Accounting | concept | | cs
Bookkeeping | concept | |
Lead generation | concept | |
Account management | concept | |
Customer success | concept | |
Customer support | concept | customer service; technical support |
Sales | concept | b2b sales; saas sales; enterprise sales | cs ctx
Negotiation | soft | negotiating; negotiation skills |
Embedded systems | concept | embedded software; firmware; embedded linux |
RTOS | concept | freertos; real-time operating systems |
Blockchain | concept | web3; smart contracts |
Cloud computing | concept | cloud; cloud infrastructure; cloud-native; cloud native; cloud platforms; cloud services; cloud technologies |
SaaS | concept | software as a service |
E-commerce | concept | ecommerce; e-commerce platforms |
Mobile development | concept | mobile app development; mobile applications |
Web development | concept | web applications; front-end development; frontend development; back-end development; backend development; full-stack development; full stack development |
API design | concept | api development; designing apis; web api design |
Performance optimization | concept | performance tuning |
Observability | concept | monitoring and alerting |
Incident management | concept | on-call; incident response |
Software testing | concept | testing; software-quality; qa automation; manual testing |
Databases | database | database; relational databases; relational database; database design |
Automation | concept | process automation |
Multithreading | concept | multi-threading; multiprocessing; concurrency; concurrent programming; parallel programming |
ORM | concept | object-relational mapping; =ORM |
SQLAlchemy | library | |
Celery | library | | cs ctx
DAX | language | dax queries; =DAX |
PostGIS | database | |
Azure Cosmos DB | database | cosmosdb; cosmos db |
Azure Service Bus | cloud | servicebus |
Azure Key Vault | cloud | keyvault; key vault |
Azure App Service | cloud | appservices; app service; azure appservice |
NUnit | tool | |
xUnit | tool | xunit.net |
SpecFlow | tool | |
Pentaho | tool | |
Json.NET | library | newtonsoft.json |
Product lifecycle management | concept | plm; =PLM |
Computer science | field | computer sciences; =CS |
Information technology | field | |
Fintech | field | fin-tech; wealthtech; insurtech; regtech |
Supply chain management | field | logistics management |
Economics | field | |
Business analysis | concept | business analyst skills |
Game development | field | mobile game development; game design |
# --- soft skills
Communication | soft | communication skills; verbal communication; written communication; written and verbal communication; verbal and written communication; communicator; excellent communicator; communicate effectively |
Teamwork | soft | team player; collaboration; work in a team; team work; cross-functional collaboration |
Problem solving | soft | problem-solving; problem solver; solving problems; troubleshooting |
Leadership | soft | team leadership; leading teams; people management; technical leadership |
Mentoring | soft | mentorship; coaching |
Time management | soft | prioritization; prioritisation; organizational skills; organisational skills |
Attention to detail | soft | detail-oriented; detail oriented; eye for detail |
Critical thinking | soft | analytical thinking; analytical skills; analytical mindset |
Adaptability | soft | adaptable; adaptability |
Self-motivation | soft | self-starter; self starter; self-motivated; self motivated; proactive |
Creativity | soft | creative thinking |
Presentation skills | soft | public speaking; presenting |
Customer focus | soft | customer-focused; customer-centric; customer centric |
Ownership | soft | sense of ownership | cs ctx
Work independently | soft | working independently; work autonomously; self-directed |
Willingness to learn | soft | eagerness to learn; growth mindset; curiosity; curious |
Empathy | soft | empathetic |
Decision making | soft | decision-making |
Conflict resolution | soft | |
Emotional intelligence | soft | |
Interpersonal skills | soft | people skills; relationship building |
Strategic thinking | soft | strategic planning |
Multitasking | soft | multi-tasking |
Dependability | soft | reliable; dependable; trustworthy |
Motivation | soft | motivated; enthusiastic; energetic; ambitious |
Open-mindedness | soft | open-minded; open minded |
Accountability | soft | accountable; sense of responsibility |
Goal orientation | soft | goal oriented; goal-oriented; results-driven; results driven; result-oriented |
"""

# Human languages are asked for in many postings ("fluent German"); capitalised names only, so "english
# breakfast" style lower-case uses do not match.
SPOKEN_LANGUAGES = [
    "English",
    "German",
    "French",
    "Spanish",
    "Italian",
    "Portuguese",
    "Dutch",
    "Danish",
    "Swedish",
    "Norwegian",
    "Finnish",
    "Polish",
    "Czech",
    "Hungarian",
    "Romanian",
    "Greek",
    "Turkish",
    "Russian",
    "Ukrainian",
    "Arabic",
    "Hebrew",
    "Hindi",
    "Urdu",
    "Bengali",
    "Mandarin",
    "Cantonese",
    "Chinese",
    "Japanese",
    "Korean",
    "Vietnamese",
    "Thai",
    "Indonesian",
    "Malay",
    "Tagalog",
    "Filipino",
    "Icelandic",
    "Estonian",
    "Latvian",
    "Lithuanian",
    "Slovak",
    "Slovenian",
    "Croatian",
    "Serbian",
    "Bulgarian",
    "Catalan",
    "Basque",
    "Persian",
    "Swahili",
]

# Linguist languages worth matching (type programming / markup / data). Everything else in Linguist is either
# too obscure to appear in a job post or a name that collides with ordinary words (Pony, Red, Ring, Self, ...).
LINGUIST_KEEP = frozenset(
    name.replace("_", " ")
    for name in [
        "ABAP",
        "ActionScript",
        "Ada",
        "Apex",
        "AppleScript",
        "Assembly",
        "Awk",
        "Bicep",
        "C",
        "C#",
        "C++",
        "Clojure",
        "CMake",
        "COBOL",
        "CoffeeScript",
        "Crystal",
        "CSS",
        "CUDA",
        "Dart",
        "Dockerfile",
        "Elixir",
        "Elm",
        "Erlang",
        "F#",
        "Fortran",
        "GDScript",
        "GLSL",
        "Go",
        "GraphQL",
        "Groovy",
        "Handlebars",
        "Haskell",
        "HCL",
        "HTML",
        "Java",
        "JavaScript",
        "Jinja",
        "JSON",
        "Julia",
        "Jupyter_Notebook",
        "Kotlin",
        "LabVIEW",
        "LaTeX",
        "Less",
        "Lisp",
        "Lua",
        "Makefile",
        "Markdown",
        "MATLAB",
        "Nix",
        "Objective-C",
        "OCaml",
        "Pascal",
        "Perl",
        "PHP",
        "PLpgSQL",
        "PLSQL",
        "PowerShell",
        "Prolog",
        "Protocol_Buffer",
        "Puppet",
        "Python",
        "R",
        "Racket",
        "Raku",
        "Ruby",
        "Rust",
        "Sass",
        "SAS",
        "Scala",
        "Scheme",
        "SCSS",
        "Shell",
        "Smalltalk",
        "Solidity",
        "SQL",
        "Svelte",
        "Swift",
        "Tcl",
        "Terraform_Template",
        "TeX",
        "TSQL",
        "TypeScript",
        "Verilog",
        "VHDL",
        "Visual_Basic_.NET",
        "Vue",
        "WebAssembly",
        "XML",
        "YAML",
        "Zig",
    ]
)

# Names that the sources list but that mostly match ordinary English in job posts. Lower-cased.
STOP_NAMES = frozenset(
    name.replace("_", " ")
    for name in [
        "access",
        "word",
        "outlook",
        "project",
        "teams",
        "zoom",
        "blink",
        "eko",
        "box",
        "dropbox",
        "facebook",
        "twitter",
        "youtube",
        "linkedin",
        "instagram",
        "skype",
        "facetime",
        "groupme",
        "flipgrid",
        "nearpod",
        "slack",
        "chrome",
        "safari",
        "edge",
        "notes",
        "evernote",
        "email",
        "calendar",
        "basic",
        "mail",
        "maps",
        "drive",
        "docs",
        "sheets",
        "slides",
        "sites",
        "forms",
        "keep",
        "meet",
        "classroom",
        "hangouts",
        "gmail",
        "messenger",
        "office",
        "visio",
        "publisher",
        "paint",
        "solver",
        "lotus",
        "domino",
        "vision",
        "studio",
        "design",
        "capture",
        "prism",
        "pulse",
        "compass",
        "atlas",
        "focus",
        "genesis",
        "mercury",
        "horizon",
        "spectrum",
        "fusion",
        "canvas",
        "dynamics",
        "navigator",
        "express",
        "scheduler",
        "epic",
        "shell",
        "script",
        "make",
        "ant",
        "pig",
        "hive",
        "spark",
        "go",
        "r",
        "c",
        "d",
        "j",
        "k",
        "q",
        "s",
        "t",
        "v",
        "x",
        "e",
        "f",
        "m",
        "oracle",
        "sage",
        "sap",
        "apple",
        "amazon",
        "google",
        "microsoft",
        "ibm",
        "adobe",
        "autodesk",
        "cisco",
        "intuit",
        "meta",
        "stripe",
        "tableau-public",
        "dash",
        "cloud",
        "database",
        "server",
        "platform",
        "analytics",
        "middleware",
        "keynote",
        "pages",
        "flex",
        "bamboo",
        "helix",
        "maya",
        "inventor",
        "painter",
        "loom",
        "seesaw",
        "tadpoles",
        "compris",
        "appletree",
        "bloomz",
        "canu",
        "litchi",
        "snort",
        "ethereal",
        "eiffel",
        "act!",
        "hms",
        "lis",
        "gda",
        "pms",
        "oms",
        "sis",
        "concur",
        "application_server",
        "power_systems",
        "the_general_store",
        "record",
        "recordkeeping",
    ]
)

# Vendor names that O*NET puts in front of product names ("Microsoft Excel"); the remainder becomes an alias.
VENDORS = (
    "Microsoft",
    "Oracle",
    "Adobe",
    "IBM",
    "SAP",
    "Google",
    "Apache",
    "Autodesk",
    "ESRI",
    "Apple",
    "Amazon",
    "The MathWorks",
    "Dassault Systemes",
    "Corel",
    "National Instruments",
    "Atlassian",
    "Sage",
    "Intuit",
    "Bentley",
    "Red Hat",
    "Cisco",
    "Trimble",
    "PTC",
    "StataCorp",
    "Hewlett Packard",
    "HP",
    "Wolfram Research",
    "Qlik Tech",
    "Quest",
    "Blackbaud",
    "SmugMug",
    "LogMeIn",
    "Citrix",
    "VMware",
    "Salesforce",
    "Epic Systems",
    "Perforce",
    "Veritas",
    "iParadigms",
    "Mathsoft",
    "Insightful",
    "Siemens",
    "Bloomberg",
    "Thomson Reuters",
    "Infor",
    "Kronos",
    "Epicor",
    "Symantec",
    "McAfee",
    "Broadcom",
    "Unify",
    "Avaya",
    "Dell",
    "Hyland",
)


def curated_rows() -> list[tuple[str, str, list[str], set[str]]]:
    """Parse CURATED_TABLE into (canonical, category, aliases, flags)."""
    rows = []
    for line in CURATED_TABLE.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (4 - len(parts))
        name, category, aliases, flags = parts[:4]
        alias_list = [a.strip() for a in aliases.split(";") if a.strip()]
        rows.append((name, category, alias_list, set(flags.split())))
    return rows
