# ruff: noqa: E501 -- BibTeX fields stay on one line each: the importer keeps line breaks inside a field.
"""The demo lab's papers and research themes: invented work by the invented members of ``researchers.demo``.

Every title, abstract, co-author and identifier here is invented. DOIs use the
10.5555 prefix, which is reserved for tests; arXiv numbers are all above 90000,
higher than arXiv has ever reached in one month; code links point at the
``labfolio-demo`` GitHub organisation and every other link at example.org.

Each bibliography is what one member would keep in their al-folio
``papers.bib``. They go through the real import service one after another, as
the members would import them, so a paper that two members both list is merged
into one record instead of being stored twice.
"""

import re
from datetime import date

from django.db import transaction

from researchers.demo import MEMBERS
from researchers.models import Researcher

from .models import Authorship, Publication, ResearchTheme
from .services import publication_import

BIBLIOGRAPHIES = {
    "elena-marchetti": r"""
@inproceedings{marchetti2017keypoints,
  title = {Few-Shot Grasp Adaptation with Object-Centric Keypoints},
  author = {Marchetti, Elena and Stanescu, Mirela and Orsini, Rafael},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2017},
  month = may,
  pages = {3120--3127},
  doi = {10.5555/labfolio-demo.marchetti2017keypoints},
  abstract = {We adapt a grasp planner to a new object from three demonstrations by describing objects with a handful of learned keypoints. The adapted planner succeeds on 87\% of grasps across 40 household objects.},
  abbr = {ICRA},
  pdf = {https://lab.example.org/papers/marchetti2017keypoints.pdf},
}

@article{marchetti2017corrections,
  title = {Learning Grasp Affordances from Sparse Human Corrections},
  author = {Marchetti, Elena and Ekstr{\"o}m, Bj{\"o}rn and Stanescu, Mirela},
  journal = {IEEE Transactions on Robotics},
  year = {2017},
  month = oct,
  volume = {33},
  number = {5},
  pages = {1101--1115},
  doi = {10.5555/labfolio-demo.marchetti2017corrections},
  abstract = {A person watching a robot fail to grasp can say where it should have grasped instead. We turn a few dozen such corrections into an affordance model that transfers to unseen objects of the same category.},
  abbr = {T-RO},
}

@inproceedings{romano2018play,
  title = {Object-Centric Play Data for Scalable Manipulation Learning},
  author = {Romano, Lucia and Brenner, Matthias and Marchetti, Elena},
  booktitle = {Robotics: Science and Systems},
  year = {2018},
  month = jun,
  doi = {10.5555/labfolio-demo.romano2018play},
  abstract = {We record hours of undirected play on a tabletop and segment it into object-centric episodes. Policies trained on play match those trained on three times as many curated demonstrations.},
  abbr = {RSS},
  pdf = {https://lab.example.org/papers/romano2018play.pdf},
}

@article{mehta2018regrasp,
  title = {Uncertainty-Aware Regrasping with Learned Contact Models},
  author = {Mehta, Arjun and Marchetti, E.},
  journal = {IEEE Robotics and Automation Letters},
  year = {2018},
  month = jul,
  volume = {3},
  number = {4},
  pages = {3561--3568},
  doi = {10.5555/labfolio-demo.mehta2018regrasp},
  abstract = {A contact model that knows when it is unsure lets the robot regrasp before an object slips rather than after.},
  abbr = {RA-L},
}

@inproceedings{romano2019play,
  title = {Generalisation Through Play: Learning Manipulation from Undirected Interaction},
  author = {Romano, Lucia and Szab{\'o}, D{\'a}niel and Marchetti, Elena},
  booktitle = {Conference on Robot Learning},
  year = {2019},
  month = oct,
  volume = {100},
  pages = {1021--1033},
  doi = {10.5555/labfolio-demo.romano2019play},
  abstract = {Policies pretrained on a robot's own undirected play generalise to new objects far better than policies trained on task demonstrations alone. We release 60 hours of play data from two robots.},
  abbr = {CoRL},
  award_name = {Best Paper},
  award = {Best Paper Award at CoRL 2019.},
  selected = {true},
  bibtex_show = {true},
  pdf = {https://lab.example.org/papers/romano2019play.pdf},
  code = {https://github.com/labfolio-demo/play-to-generalise},
  website = {https://lab.example.org/projects/play-to-generalise/},
  video = {https://video.example.org/romano2019play},
}

@inproceedings{mehta2019skills,
  title = {Offline Skill Discovery from Unlabelled Robot Logs},
  author = {Mehta, Arjun and Dubois, Clara and Marchetti, Elena},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2019},
  month = dec,
  volume = {32},
  pages = {8812--8823},
  doi = {10.5555/labfolio-demo.mehta2019skills},
  abstract = {We discover reusable skills from months of unlabelled robot logs by clustering latent trajectories. The skills speed up downstream reinforcement learning fourfold.},
  abbr = {NeurIPS},
  code = {https://github.com/labfolio-demo/offline-skills},
}

@inproceedings{brenner2019affordances,
  title = {Predicting Object Affordances from Egocentric Video},
  author = {Matthias Brenner and Elena Marchetti and Kai Nakamura},
  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition},
  year = {2019},
  month = jun,
  pages = {5520--5529},
  doi = {10.5555/labfolio-demo.brenner2019affordances},
  abstract = {Hands in egocentric video show where objects can be grasped, pushed and opened; we learn to predict those regions on objects nobody has touched yet.},
  abbr = {CVPR},
}

@inproceedings{dubois2020teleop,
  title = {Cheap Teleoperation: Collecting Manipulation Demonstrations with a Phone},
  author = {Dubois, Clara and Szabo, D. and E. R. Marchetti},
  booktitle = {Conference on Robot Learning},
  year = {2020},
  month = nov,
  volume = {155},
  pages = {412--424},
  doi = {10.5555/labfolio-demo.dubois2020teleop},
  abstract = {A phone held in one hand is enough to teleoperate a robot arm for data collection. Demonstrations collected this way train policies as good as those from a motion-capture rig costing a hundred times more.},
  abbr = {CoRL},
  code = {https://github.com/labfolio-demo/phone-teleop},
  video = {https://video.example.org/dubois2020teleop},
}

@article{brenner2020correspondence,
  title = {Self-Supervised Correspondence for Deformable Object Manipulation},
  author = {Brenner, Matthias and Romano, Lucia and Marchetti, Elena},
  journal = {IEEE Transactions on Pattern Analysis and Machine Intelligence},
  year = {2020},
  month = nov,
  volume = {42},
  number = {11},
  pages = {2890--2904},
  doi = {10.5555/labfolio-demo.brenner2020correspondence},
  abstract = {Dense correspondences learned without labels let a robot fold cloth and route cables it has never seen, by matching them to a few demonstrations.},
  abbr = {TPAMI},
}

@inproceedings{mehta2021resetfree,
  title = {Reset-Free Reinforcement Learning for Real-World Manipulation},
  author = {Mehta, Arjun and Romano, Lucia and Marchetti, Elena},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2021},
  month = dec,
  volume = {34},
  pages = {15220--15232},
  doi = {10.5555/labfolio-demo.mehta2021resetfree},
  eprint = {2110.91873},
  archivePrefix = {arXiv},
  abstract = {We learn a forward policy and a reset policy together so that a robot can practise for days without a person putting objects back.},
  abbr = {NeurIPS},
  code = {https://github.com/labfolio-demo/reset-free-rl},
}

@article{romano2021shape,
  title = {Category-Level Grasping with Learned Shape Priors},
  author = {Romano, Lucia and Wierzba, Tomasz and Marchetti, Elena},
  journal = {IEEE Transactions on Robotics},
  year = {2021},
  month = dec,
  volume = {37},
  number = {6},
  pages = {1987--2003},
  doi = {10.5555/labfolio-demo.romano2021shape},
  abstract = {A shape prior learned per object category completes partial depth views well enough to plan grasps on instances never seen before.},
  abbr = {T-RO},
}

@inproceedings{brenner2022videopretraining,
  title = {Object-Centric Video Pretraining for Visuomotor Control},
  author = {Brenner, Matthias and Garnier, Chlo{\'e} and Marchetti, Elena},
  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition},
  year = {2022},
  month = jun,
  pages = {14210--14220},
  doi = {10.5555/labfolio-demo.brenner2022videopretraining},
  eprint = {2203.90412},
  archivePrefix = {arXiv},
  abstract = {Pretraining visual encoders to track objects in everyday video, rather than to classify frames, doubles the sample efficiency of downstream visuomotor policies.},
  abbr = {CVPR},
  code = {https://github.com/labfolio-demo/object-video-pretraining},
}

@inproceedings{nwosu2022critics,
  title = {Constrained Policy Optimisation with Learned Safety Critics},
  author = {Nwosu, A. and Mehta, A. and Marchetti, E.},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2022},
  month = dec,
  volume = {35},
  pages = {22104--22117},
  doi = {10.5555/labfolio-demo.nwosu2022critics},
  abstract = {A critic that predicts future constraint violations keeps a policy inside its safety budget throughout training, not only at convergence.},
  abbr = {NeurIPS},
}

@inproceedings{chen2023hierarchical,
  title = {Long-Horizon World Models with Hierarchical Latent Dynamics},
  author = {Chen*, Yutong and Nwosu*, Amara and Marchetti#, Elena},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2023},
  month = dec,
  volume = {36},
  pages = {21034--21047},
  doi = {10.5555/labfolio-demo.chen2023hierarchical},
  abstract = {Stacking a slow latent model on top of a fast one keeps predictions accurate over hundreds of steps. Planning with it solves multi-stage kitchen tasks that flat world models fail.},
  abbr = {NeurIPS},
  selected = {true},
  bibtex_show = {true},
  pdf = {https://lab.example.org/papers/chen2023hierarchical.pdf},
  code = {https://github.com/labfolio-demo/hierarchical-world-models},
  website = {https://lab.example.org/projects/hierarchical-world-models/},
  slides = {https://lab.example.org/slides/chen2023hierarchical.pdf},
  poster = {https://lab.example.org/posters/chen2023hierarchical.pdf},
}

@inproceedings{feldkamp2023scenegraphs,
  title = {Grounding Referring Expressions in {3D} Scene Graphs for Tabletop Manipulation},
  author = {Feldkamp, Jonas and Garnier, Chlo{\'e} and Marchetti, Elena},
  booktitle = {Conference on Robot Learning},
  year = {2023},
  month = nov,
  volume = {229},
  pages = {3301--3315},
  doi = {10.5555/labfolio-demo.feldkamp2023scenegraphs},
  abstract = {We resolve instructions such as ``the mug that is not chipped'' by matching them against a 3D scene graph built on the fly. The robot picks the right object in 81\% of ambiguous scenes.},
  abbr = {CoRL},
  code = {https://github.com/labfolio-demo/scene-graph-grounding},
}

@article{lindqvist2023lablogs,
  title = {{LabLogs}: Two Years of Robot Fleet Operation as an Open Dataset},
  author = {Lindqvist, Sofia and Feldkamp, Jonas and Nwosu, Amara and Chen, Yutong and Wierzba, Tomasz and Marchetti, Elena},
  journal = {IEEE Robotics and Automation Letters},
  year = {2023},
  month = sep,
  volume = {8},
  number = {9},
  pages = {5630--5637},
  doi = {10.5555/labfolio-demo.lindqvist2023lablogs},
  abstract = {We release 14,000 hours of logs from a twelve-robot lab fleet, with failures, resets and interventions annotated. Tools convert the logs into training data for any of the common robot learning frameworks.},
  abbr = {RA-L},
  code = {https://github.com/labfolio-demo/lablogs},
  website = {https://lab.example.org/datasets/lablogs/},
}

@inproceedings{chen2023videoplanners,
  title = {Video Prediction Models as Planners for Robot Manipulation},
  author = {Chen, Y.-T. and Brenner, Matthias and Marchetti, Elena},
  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition},
  year = {2023},
  month = jun,
  pages = {9981--9991},
  doi = {10.5555/labfolio-demo.chen2023videoplanners},
  abstract = {A video model fine-tuned on robot data predicts far enough ahead to rank candidate action sequences, turning it into a planner without any reward model.},
  abbr = {CVPR},
}

@article{romano2023generalist,
  title = {Generalist Manipulation Policies from Heterogeneous Robot Data},
  author = {Romano, Lucia and Feldkamp, Jonas and Chen, Yutong and Marchetti, Elena},
  journal = {IEEE Transactions on Pattern Analysis and Machine Intelligence},
  year = {2023},
  month = dec,
  volume = {45},
  number = {12},
  pages = {15012--15029},
  doi = {10.5555/labfolio-demo.romano2023generalist},
  abstract = {We train one policy on data from nine robot types with different cameras and grippers. It outperforms specialist policies on six of them and adapts to a tenth with a hundred demonstrations.},
  abbr = {TPAMI},
  selected = {true},
  pdf = {https://lab.example.org/papers/romano2023generalist.pdf},
}

@inproceedings{feldkamp2024affordance,
  title = {Language-Conditioned Affordance Fields for Open-Vocabulary Manipulation},
  author = {Feldkamp*, J. and Tavares*, Rui and Chen, Y. and Marchetti, E.},
  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition},
  year = {2024},
  month = jun,
  pages = {17650--17661},
  doi = {10.5555/labfolio-demo.feldkamp2024affordance},
  eprint = {2312.93056},
  archivePrefix = {arXiv},
  abstract = {We distil a vision-language model into a 3D field that answers where to act for an instruction. The field runs at 30 Hz on the robot and handles objects named in words it never saw during training.},
  abbr = {CVPR},
  code = {https://github.com/labfolio-demo/affordance-fields},
  website = {https://lab.example.org/projects/affordance-fields/},
}

@inproceedings{lindqvist2024fleet,
  title = {Lessons from Running a Twelve-Robot Fleet with Three People},
  author = {S. Lindqvist and E. Marchetti},
  booktitle = {ICRA 2024 Workshop on Scaling Robot Learning},
  year = {2024},
  month = may,
  doi = {10.5555/labfolio-demo.lindqvist2024fleet},
  abstract = {What broke, what we automated and what we would do differently after two years of keeping a shared robot fleet running for a lab of twenty people.},
  abbr = {ICRA-W},
  slides = {https://lab.example.org/slides/lindqvist2024fleet.pdf},
}

@inproceedings{chen2024tokens,
  title = {Cross-Embodiment Transfer with Shared Action Tokens},
  author = {Chen, Yutong and Feldkamp, Jonas and Szab{\'o}, D{\'a}niel and Marchetti, Elena},
  booktitle = {Conference on Robot Learning},
  year = {2024},
  month = nov,
  volume = {270},
  pages = {2210--2226},
  doi = {10.5555/labfolio-demo.chen2024tokens},
  eprint = {2407.91328},
  archivePrefix = {arXiv},
  abstract = {Actions of arms, hands and legged manipulators are mapped into one learned token vocabulary, so a policy trained on one body transfers to another with a few minutes of data.},
  abbr = {CoRL},
  award_name = {Oral},
  selected = {true},
  code = {https://github.com/labfolio-demo/action-tokens},
  website = {https://lab.example.org/projects/action-tokens/},
  video = {https://video.example.org/chen2024tokens},
}

@inproceedings{romano2024scaling,
  title = {Data Scaling Laws for Imitation Learning in Manipulation},
  author = {Romano, Lucia and Chen, Yutong and Lindqvist, Sofia and Marchetti, Elena},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2024},
  month = dec,
  volume = {37},
  pages = {30411--30425},
  doi = {10.5555/labfolio-demo.romano2024scaling},
  eprint = {2405.94471},
  archivePrefix = {arXiv},
  abstract = {Across 1,800 training runs, success on unseen objects grows with the number of distinct environments far more than with the number of demonstrations per environment.},
  abbr = {NeurIPS},
}

@article{marchetti2024guide,
  title = {A Practical Guide to Safe Robot Learning on Real Hardware},
  author = {Marchetti, Elena R. and Nwosu, Amara and Lindqvist, Sofia},
  journal = {arXiv preprint},
  year = {2024},
  month = sep,
  eprint = {2409.93115},
  archivePrefix = {arXiv},
  abstract = {Checklists, safety layers and lab procedures that let students run reinforcement learning on real robots without breaking them or themselves.},
  abbr = {arXiv},
  pdf = {https://lab.example.org/papers/marchetti2024guide.pdf},
}

@article{arakawa2025events,
  title = {Event-Based Visual Servoing at a Thousand Hertz},
  author = {Arakawa, Kenji and Tanabe, Haruka and Marchetti, Elena},
  journal = {arXiv preprint},
  year = {2025},
  month = jun,
  eprint = {2506.90284},
  archivePrefix = {arXiv},
  abstract = {An event camera and a controller that consumes events directly close the visual loop a hundred times faster than frame-based servoing, fast enough to catch a falling object.},
  abbr = {arXiv},
  pdf = {https://lab.example.org/papers/arakawa2025events.pdf},
}

@inproceedings{castillo2025telekit,
  title = {{TeleKit}: Low-Effort Tools for Collecting Teleoperation Data},
  author = {Castillo, Ines and Lindqvist, Sofia and Marchetti, Elena},
  booktitle = {RSS 2025 Workshop on Data Collection for Robot Learning},
  year = {2025},
  month = jun,
  doi = {10.5555/labfolio-demo.castillo2025telekit},
  abstract = {A small toolkit that records, checks and uploads teleoperation episodes in one step, cutting the time spent per episode in half.},
  abbr = {RSS-W},
  code = {https://github.com/labfolio-demo/telekit},
  poster = {https://lab.example.org/posters/castillo2025telekit.pdf},
}

@article{nwosu2025simfree,
  title = {Safe Reinforcement Learning on Legged Robots Without a Simulator},
  author = {Nwosu#, Amara and Chen, Yutong and Wierzba, Tomasz and Marchetti#, Elena},
  journal = {IEEE Transactions on Robotics},
  year = {2025},
  month = mar,
  volume = {41},
  pages = {1422--1440},
  doi = {10.5555/labfolio-demo.nwosu2025simfree},
  abstract = {A quadruped learns to walk, climb stairs and recover from pushes entirely on hardware, with a learned safety layer that prevented every fall during 40 hours of training.},
  abbr = {T-RO},
  selected = {true},
  pdf = {https://lab.example.org/papers/nwosu2025simfree.pdf},
  code = {https://github.com/labfolio-demo/sim-free-safe-rl},
  video = {https://video.example.org/nwosu2025simfree},
}

@inproceedings{feldkamp2025tabletop,
  title = {{tabletop-bench}: A Benchmark for Language-Conditioned Tabletop Manipulation},
  author = {Feldkamp, Jonas and Haddad, Noor and Lindqvist, Sofia and Marchetti, Elena},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2025},
  month = may,
  pages = {6610--6617},
  doi = {10.5555/labfolio-demo.feldkamp2025tabletop},
  abstract = {Sixty language-conditioned tasks on a standard tabletop, with real-robot and simulated versions and a public leaderboard.},
  abbr = {ICRA},
  code = {https://github.com/labfolio-demo/tabletop-bench},
  website = {https://code.example.org/tabletop-bench/},
}

@inproceedings{chen2025calibrated,
  title = {World Models That Know What They Do Not Know},
  author = {Chen, Yutong and Nwosu, Amara and Tanaka, Mei and Marchetti, Elena},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2025},
  month = dec,
  volume = {38},
  doi = {10.5555/labfolio-demo.chen2025calibrated},
  eprint = {2505.92761},
  archivePrefix = {arXiv},
  abstract = {Calibrated uncertainty in a latent world model tells the planner when to stop trusting its own predictions and gather more data instead.},
  abbr = {NeurIPS},
}

@inproceedings{brenner2025egocentric,
  title = {Egocentric Video Pretraining for Cross-Embodiment Manipulation},
  author = {Brenner, Matthias and Feldkamp, Jonas and Marchetti, Elena},
  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition},
  year = {2025},
  month = jun,
  pages = {11802--11812},
  doi = {10.5555/labfolio-demo.brenner2025egocentric},
  abstract = {Pretraining on people's egocentric video gives a visual representation that transfers across robot bodies better than pretraining on robot data of the same size.},
  abbr = {CVPR},
}
""",
    "tomasz-wierzba": r"""
@inproceedings{wierzba2018fingerskin,
  title = {{FingerSkin}: A Low-Cost Tactile Fingertip for Robot Hands},
  author = {Wierzba, Tomasz and Solberg, Ingrid},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2018},
  month = may,
  pages = {2204--2210},
  doi = {10.5555/labfolio-demo.wierzba2018fingerskin},
  abstract = {A tactile fingertip built from a camera, an LED ring and a silicone skin for under 40 dollars. It resolves contact location to half a millimetre.},
  abbr = {ICRA},
  selected = {true},
  code = {https://github.com/labfolio-demo/fingerskin},
  website = {https://tomasz-wierzba.example.org/sensors/},
}

@article{wierzba2020slip,
  title = {Slip Detection from High-Frequency Tactile Signals},
  author = {T. Wierzba and E. Y{\i}lmaz and I. Solberg},
  journal = {IEEE Robotics and Automation Letters},
  year = {2020},
  month = apr,
  volume = {5},
  number = {2},
  pages = {1840--1847},
  doi = {10.5555/labfolio-demo.wierzba2020slip},
  abstract = {Vibrations sampled at 2 kHz reveal incipient slip 30 ms before an object moves, early enough for the gripper to react.},
  abbr = {RA-L},
}

@inproceedings{wierzba2021shear,
  title = {Marker-Based Shear Sensing for Soft Tactile Skins},
  author = {Wierzba, Tomasz and Iglesias, Jos{\'e}},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2021},
  month = jun,
  pages = {7712--7718},
  doi = {10.5555/labfolio-demo.wierzba2021shear},
  abstract = {Printed markers inside a soft skin let a camera measure shear as well as pressure, with no extra electronics.},
  abbr = {ICRA},
  selected = {true},
  pdf = {https://lab.example.org/papers/wierzba2021shear.pdf},
}

@inproceedings{ruiz2022grasp,
  title = {Learning Grasp Quality from Synthetic Depth Images},
  author = {Ruiz, Mateo and Wierzba, Tomasz},
  booktitle = {IEEE/RSJ International Conference on Intelligent Robots and Systems},
  year = {2022},
  month = oct,
  pages = {4410--4417},
  doi = {10.5555/labfolio-demo.ruiz2022grasp},
  abstract = {A grasp quality network trained only on rendered depth images with realistic sensor noise transfers to a real camera without fine-tuning.},
  abbr = {IROS},
  code = {https://github.com/labfolio-demo/synthetic-grasp-quality},
}

@article{wierzba2022reorientation,
  title = {Learning In-Hand Reorientation from Tactile Feedback Alone},
  author = {Wierzba, Tomasz and Kami{\'n}ska, Zofia and Ruiz, Mateo and Iglesias, Jos{\'e}},
  journal = {IEEE Robotics and Automation Letters},
  year = {2022},
  month = jan,
  volume = {7},
  number = {1},
  pages = {612--619},
  doi = {10.5555/labfolio-demo.wierzba2022reorientation},
  abstract = {A three-fingered hand reorients unseen objects with its eyes closed, using only fingertip tactile images.},
  abbr = {RA-L},
}

@article{ruiz2023shelves,
  title = {Sim-Trained Grasp Quality Networks Transfer to Cluttered Shelves},
  author = {M. Ruiz and Z. Kami{\'n}ska and T. Wierzba},
  journal = {IEEE Robotics and Automation Letters},
  year = {2023},
  month = mar,
  volume = {8},
  number = {3},
  pages = {1502--1509},
  doi = {10.5555/labfolio-demo.ruiz2023shelves},
  abstract = {Synthetic clutter generated from shelf layouts closes most of the gap between tabletop and shelf picking.},
  abbr = {RA-L},
}

@inproceedings{wierzba2023skin,
  title = {A Tactile Skin That Survives Six Months of Daily Use},
  author = {Wierzba, Tomasz and Iglesias, Jos{\'e} and Lindqvist, Sofia},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2023},
  month = may,
  pages = {9120--9126},
  doi = {10.5555/labfolio-demo.wierzba2023skin},
  abstract = {Replaceable skin patches and a self-calibration routine keep a tactile sensor accurate through six months of daily grasping in the lab fleet.},
  abbr = {ICRA},
  selected = {true},
  code = {https://github.com/labfolio-demo/durable-skin},
  video = {https://video.example.org/wierzba2023skin},
}

@inproceedings{raghunathan2024contact,
  title = {Differentiable Contact Models for Sim-to-Real Transfer of Insertion Policies},
  author = {Raghunathan, Priya and Wierzba, Tomasz},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2024},
  month = may,
  pages = {5530--5537},
  doi = {10.5555/labfolio-demo.raghunathan2024contact},
  abstract = {Fitting a differentiable contact model to ten real insertions makes simulated peg-in-hole policies transfer without any manual tuning of friction or stiffness.},
  abbr = {ICRA},
  code = {https://github.com/labfolio-demo/diff-contact},
}

@article{wierzba2024tactilepolicies,
  title = {Tactile Policies for Dexterous In-Hand Manipulation},
  author = {Wierzba, Tomasz and Raghunathan, P. and Iglesias, Jos{\'e} and Marchetti, E.},
  journal = {IEEE Transactions on Robotics},
  year = {2024},
  month = aug,
  volume = {40},
  pages = {3310--3328},
  doi = {10.5555/labfolio-demo.wierzba2024tactilepolicies},
  abstract = {Policies that read tactile images at every step rotate, slide and regrasp objects in hand with a success rate twice that of vision-only policies.},
  abbr = {T-RO},
  selected = {true},
  website = {https://tomasz-wierzba.example.org/tactile-policies/},
  video = {https://video.example.org/wierzba2024tactilepolicies},
}

@article{duarte2025distill,
  title = {Distilling Visuomotor Policies for On-Board Robot Compute},
  author = {Duarte, Lucas F. and Chen, Yutong and Wierzba, Tomasz},
  journal = {IEEE Robotics and Automation Letters},
  year = {2025},
  eprint = {2503.91947},
  archivePrefix = {arXiv},
  note = {To appear},
  abstract = {We distil a 300-million-parameter policy into one that runs at 50 Hz on the robot's own computer while keeping 94\% of its success rate.},
  abbr = {RA-L},
  code = {https://github.com/labfolio-demo/policy-distillation},
}

@inproceedings{haddad2025shelfgrasp,
  title = {{ShelfGrasp}: Benchmarking Grasp Detectors on Cluttered Shelves},
  author = {Haddad, Noor and Raghunathan, Priya and Wierzba, Tomasz},
  booktitle = {ICRA 2025 Workshop on Benchmarking Robot Manipulation},
  year = {2025},
  month = may,
  doi = {10.5555/labfolio-demo.haddad2025shelfgrasp},
  abstract = {Twelve published grasp detectors evaluated on 200 real shelf scenes: most lose half their success rate compared with tabletop clutter.},
  abbr = {ICRA-W},
  code = {https://github.com/labfolio-demo/shelfgrasp},
}

@inproceedings{raghunathan2025sysid,
  title = {System Identification for Contact-Rich Manipulation Without Hand-Tuning},
  author = {Raghunathan, Priya and Kami{\'n}ska, Zofia and Wierzba, Tomasz},
  booktitle = {Robotics: Science and Systems},
  year = {2025},
  month = jul,
  doi = {10.5555/labfolio-demo.raghunathan2025sysid},
  eprint = {2502.90638},
  archivePrefix = {arXiv},
  abstract = {Identifying friction, stiffness and damping from a single exploratory push per object is enough for simulated policies to transfer to contact-rich tasks.},
  abbr = {RSS},
}

@article{wierzba2025eventtouch,
  title = {Vision-Based Tactile Sensing with Event Cameras},
  author = {Wierzba†, Tomasz and K. Arakawa and Raghunathan, Priya},
  journal = {IEEE Robotics and Automation Letters},
  year = {2025},
  month = sep,
  volume = {10},
  number = {9},
  pages = {8801--8808},
  doi = {10.5555/labfolio-demo.wierzba2025eventtouch},
  abstract = {Replacing the camera inside a vision-based tactile sensor with an event camera raises its bandwidth to 1 kHz at a fifth of the data rate.},
  abbr = {RA-L},
}

@article{wierzba2023lablogs,
  title = {{LabLogs}: Two Years of Robot Fleet Operation as an Open Dataset},
  author = {S. Lindqvist and J. Feldkamp and A. Nwosu and Y. Chen and T. Wierzba and E. Marchetti},
  journal = {IEEE Robotics and Automation Letters},
  year = {2023},
  volume = {8},
  number = {9},
  pages = {5630--5637},
  doi = {10.5555/LABFOLIO-DEMO.lindqvist2023lablogs},
  abbr = {RA-L},
  poster = {https://lab.example.org/posters/lindqvist2023lablogs.pdf},
}
""",
    "yutong-chen": r"""
@inproceedings{chen2020valueequivalent,
  title = {Value-Equivalent Latent Models for Sample-Efficient Control},
  author = {Chen, Yutong and Lin, Xiaoyu and Wu, Jiahao},
  booktitle = {International Conference on Machine Learning},
  year = {2020},
  month = jul,
  volume = {119},
  pages = {1701--1711},
  doi = {10.5555/labfolio-demo.chen2020valueequivalent},
  abstract = {Latent models trained to predict values rather than observations need ten times fewer environment steps on continuous control benchmarks.},
  abbr = {ICML},
}

@inproceedings{chen2021uncertainty,
  title = {Uncertainty-Aware Model-Based Policy Optimisation with Latent Ensembles},
  author = {Chen, Yutong and Wu, Jiahao and Lin, Xiaoyu},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2021},
  month = dec,
  volume = {34},
  pages = {9930--9942},
  doi = {10.5555/labfolio-demo.chen2021uncertainty},
  abstract = {An ensemble of latent dynamics heads, sharing one encoder, gives useful uncertainty at a fraction of the cost of independent models.},
  abbr = {NeurIPS},
}

@inproceedings{chen2022thousand,
  title = {Scaling Latent World Models to a Thousand Tasks},
  author = {Yutong Chen and Paul Ferrand and Mei Tanaka},
  booktitle = {International Conference on Learning Representations},
  year = {2022},
  month = apr,
  doi = {10.5555/labfolio-demo.chen2022thousand},
  eprint = {2110.93402},
  archivePrefix = {arXiv},
  abstract = {One latent world model trained on a thousand procedurally generated tasks learns new ones from a tenth of the data a single-task model needs.},
  abbr = {ICLR},
  selected = {true},
  code = {https://github.com/labfolio-demo/thousand-task-world-model},
}

@inproceedings{chen2024search,
  title = {Planning with Imperfect World Models via Uncertainty-Aware Search},
  author = {Chen, Yutong and Nwosu, Amara and Marchetti, Elena},
  booktitle = {International Conference on Learning Representations},
  year = {2024},
  month = may,
  doi = {10.5555/labfolio-demo.chen2024search},
  eprint = {2310.91186},
  archivePrefix = {arXiv},
  abstract = {Tree search that avoids branches where the world model is unsure finds plans that hold up on the real robot, even when the model is far from perfect.},
  abbr = {ICLR},
  selected = {true},
  code = {https://github.com/labfolio-demo/uncertainty-aware-search},
  slides = {https://yutong-chen.example.org/slides/iclr2024.pdf},
}

@article{chen2025openworld,
  title = {Open-World Models: Latent Dynamics That Generalise to Unseen Objects},
  author = {Chen†, Yutong and Ferreira Duarte, Lucas and Feldkamp, Jonas and Marchetti, Elena},
  journal = {arXiv preprint},
  year = {2025},
  month = sep,
  eprint = {2509.90855},
  archivePrefix = {arXiv},
  note = {Under review},
  abstract = {Conditioning a world model on object descriptions from a vision-language model lets it predict how unseen objects will move when pushed, grasped or poured.},
  abbr = {arXiv},
  selected = {true},
  code = {https://github.com/labfolio-demo/open-world-models},
}

@article{chen2023hierarchicalpreprint,
  title = {Long-Horizon World Models with Hierarchical Latent Dynamics},
  author = {Yutong Chen* and Amara Nwosu* and Elena Marchetti#},
  journal = {arXiv preprint},
  year = {2023},
  month = may,
  eprint = {2306.92517},
  archivePrefix = {arXiv},
  abbr = {arXiv},
  code = {https://github.com/labfolio-demo/hierarchical-world-models},
}
""",
    "amara-nwosu": r"""
@inproceedings{nwosu2022recovery,
  title = {Safe Exploration for Legged Robots with Learned Recovery Policies},
  author = {Nwosu, Amara and Szabo, Daniel and Wierzba, Tomasz and Marchetti, Elena},
  booktitle = {Conference on Robot Learning},
  year = {2022},
  month = dec,
  volume = {205},
  pages = {1802--1816},
  doi = {10.5555/labfolio-demo.nwosu2022recovery},
  abstract = {A recovery policy takes over whenever a learned safety critic predicts a fall, so the main policy can explore freely on real hardware.},
  abbr = {CoRL},
  selected = {true},
  code = {https://github.com/labfolio-demo/safe-recovery},
  video = {https://video.example.org/nwosu2022recovery},
}

@inproceedings{nwosu2023filters,
  title = {Safety Filters for Learned Locomotion Controllers on Real Hardware},
  author = {Nwosu, Amara and Wierzba, Tomasz and Marchetti, Elena},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2023},
  month = may,
  pages = {10230--10236},
  doi = {10.5555/labfolio-demo.nwosu2023filters},
  abstract = {A control-barrier-function filter wrapped around any learned locomotion controller keeps the robot upright under pushes three times stronger than without it.},
  abbr = {ICRA},
  selected = {true},
}

@inproceedings{nwosu2024falling,
  title = {Learning to Fall Safely: Constrained Reinforcement Learning for Quadruped Recovery},
  author = {Nwosu, Amara and Valverde, Ines and Marchetti, Elena},
  booktitle = {Robotics: Science and Systems},
  year = {2024},
  month = jul,
  doi = {10.5555/labfolio-demo.nwosu2024falling},
  eprint = {2402.92093},
  archivePrefix = {arXiv},
  abstract = {When a fall cannot be avoided, a constrained policy chooses how to fall so that no joint exceeds its torque limit. Hardware damage in our falls dropped to zero.},
  abbr = {RSS},
  selected = {true},
  website = {https://amara-nwosu.example.org/falling-safely/},
  video = {https://video.example.org/nwosu2024falling},
}

@inproceedings{nwosu2024curriculum,
  title = {Constraint-Aware Curricula for Legged Robot Learning},
  author = {Nwosu, Amara and Petersen, Anja and Wierzba, Tomasz and Marchetti, Elena},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2024},
  month = may,
  pages = {2810--2816},
  doi = {10.5555/labfolio-demo.nwosu2024curriculum},
  abstract = {A curriculum that raises terrain difficulty only while the safety budget holds trains faster and violates constraints less than fixed schedules.},
  abbr = {ICRA},
}
""",
    "daniel-szabo": r"""
@inproceedings{szabo2018gaits,
  title = {Imitating Quadruped Gaits from a Handful of Demonstrations},
  author = {Szab{\'o}, D{\'a}niel and Chen, Wei and Marchetti, Elena},
  booktitle = {Conference on Robot Learning},
  year = {2018},
  month = oct,
  volume = {87},
  pages = {640--652},
  doi = {10.5555/labfolio-demo.szabo2018gaits},
  abstract = {Five demonstrations from a hand-designed controller are enough to learn trotting and bounding gaits that are more robust than the demonstrator.},
  abbr = {CoRL},
}

@inproceedings{szabo2019contact,
  title = {Contact-Aware Imitation Learning for Legged Locomotion},
  author = {Szab{\'o}, D{\'a}niel and Hartmann, Felix and Marchetti, Elena},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2019},
  month = may,
  pages = {1190--1196},
  doi = {10.5555/labfolio-demo.szabo2019contact},
  abstract = {Matching the demonstrator's contact schedule, not only its joint angles, makes imitated gaits survive uneven ground.},
  abbr = {ICRA},
}

@article{szabo2020recovery,
  title = {Learning Agile Recovery Behaviours from Human Motion Capture},
  author = {Szab{\'o}, D{\'a}niel and Hartmann, Felix and Marchetti, Elena},
  journal = {IEEE Robotics and Automation Letters},
  year = {2020},
  month = jul,
  volume = {5},
  number = {3},
  pages = {4402--4409},
  doi = {10.5555/labfolio-demo.szabo2020recovery},
  abstract = {Retargeted human stumbles teach a legged robot to catch itself after a trip.},
  abbr = {RA-L},
}

@inproceedings{szabo2021videogait,
  title = {Video-to-Gait: Learning Quadruped Locomotion from Ten Minutes of Video},
  author = {Szab{\'o}, D{\'a}niel and Subramanian, Ravi and Marchetti, Elena},
  booktitle = {Conference on Robot Learning},
  year = {2021},
  month = nov,
  volume = {164},
  pages = {2290--2303},
  doi = {10.5555/labfolio-demo.szabo2021videogait},
  abstract = {We reconstruct animal motion from ten minutes of ordinary video and turn it into gaits a quadruped can execute.},
  abbr = {CoRL},
  award_name = {Oral},
  selected = {true},
  code = {https://github.com/labfolio-demo/video-to-gait},
  website = {https://daniel-szabo.example.org/video-to-gait/},
  video = {https://video.example.org/szabo2021videogait},
}

@inproceedings{szabo2022keypoints,
  title = {Whole-Body Imitation from Sparse Keypoints},
  author = {Szab{\'o}*, D{\'a}niel and Nwosu*, Amara and Marchetti#, Elena},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2022},
  month = may,
  pages = {3350--3356},
  doi = {10.5555/labfolio-demo.szabo2022keypoints},
  abstract = {Eight tracked keypoints on a person are enough for a legged manipulator to imitate whole-body motions such as reaching while stepping.},
  abbr = {ICRA},
  selected = {true},
}

@inproceedings{szabo2022priors,
  title = {Motion Priors for Whole-Body Control of Legged Manipulators},
  author = {Szab{\'o}, D{\'a}niel and Hartmann, Felix and Marchetti, Elena},
  booktitle = {Robotics: Science and Systems},
  year = {2022},
  month = jul,
  doi = {10.5555/labfolio-demo.szabo2022priors},
  abstract = {An adversarial motion prior learned from demonstrations keeps whole-body controllers natural without hand-tuned style rewards.},
  abbr = {RSS},
}

@article{szabo2023tro,
  title = {Learning Legged Locomotion from Few Demonstrations: Methods and Open Problems},
  author = {Szab{\'o}, D{\'a}niel and Marchetti, Elena},
  journal = {IEEE Transactions on Robotics},
  year = {2023},
  month = feb,
  volume = {39},
  number = {1},
  pages = {210--231},
  doi = {10.5555/labfolio-demo.szabo2023tro},
  abstract = {A survey of imitation learning for legged robots, with a benchmark comparison of eleven methods on two robots.},
  abbr = {T-RO},
  selected = {true},
  pdf = {https://www.example.org/theses/szabo-2023/survey.pdf},
}

@inproceedings{szabo2022saferecovery,
  title = {Safe Exploration for Legged Robots with Learned Recovery Policies},
  author = {Nwosu, A. and Szabo, D. and Wierzba, T. and Marchetti, E.},
  booktitle = {Conference on Robot Learning},
  year = {2022},
  doi = {https://doi.org/10.5555/labfolio-demo.nwosu2022recovery},
  abbr = {CoRL},
  slides = {https://daniel-szabo.example.org/slides/corl2022.pdf},
}
""",
    "hana-novak": r"""
@article{novakova2019allocation,
  title = {Decentralised Task Allocation under Intermittent Communication},
  author = {Nov{\'a}kov{\'a}, Hana and Holm, S{\o}ren},
  journal = {IEEE Robotics and Automation Letters},
  year = {2019},
  month = apr,
  volume = {4},
  number = {2},
  pages = {1330--1337},
  doi = {10.5555/labfolio-demo.novakova2019allocation},
  abstract = {Robots that meet only occasionally can still agree on who does what, by exchanging bids whenever they are in range.},
  abbr = {RA-L},
}

@inproceedings{novak2020schedules,
  title = {Coordinating Robot Teams with Learned Communication Schedules},
  author = {Novak, Hana and Holm, S{\o}ren and Marchetti, Elena},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2020},
  month = jun,
  pages = {6021--6027},
  doi = {10.5555/labfolio-demo.novak2020schedules},
  abstract = {Learning when to meet, rather than communicating continuously, cuts a team's radio traffic by 80\% with no loss in task completion.},
  abbr = {ICRA},
}

@inproceedings{novak2020search,
  title = {Belief-Space Planning for Multi-Robot Search},
  author = {Novak, Hana and Osei, David and Marchetti, Elena},
  booktitle = {Robotics: Science and Systems},
  year = {2020},
  month = jul,
  doi = {10.5555/labfolio-demo.novak2020search},
  abstract = {A team searching a building plans over a shared belief of where the target could be, and finds it 40\% sooner than frontier exploration.},
  abbr = {RSS},
  selected = {true},
  pdf = {https://lab.example.org/papers/novak2020search.pdf},
}

@inproceedings{novak2021exploration,
  title = {Communication-Aware Multi-Robot Exploration with Learned Maps},
  author = {Novak, H. and Petersen, A. and Marchetti, E.},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2021},
  month = jun,
  pages = {2550--2556},
  doi = {10.5555/labfolio-demo.novak2021exploration},
  abstract = {A learned model of radio coverage lets robots explore while staying close enough to share their maps.},
  abbr = {ICRA},
}

@article{novak2021risk,
  title = {Risk-Bounded Coordination for Heterogeneous Robot Teams},
  author = {Novak, Hana and Osei, David and Marchetti, Elena},
  journal = {IEEE Robotics and Automation Letters},
  year = {2021},
  month = oct,
  volume = {6},
  number = {4},
  pages = {7720--7727},
  doi = {10.5555/labfolio-demo.novak2021risk},
  abstract = {Aerial and ground robots share tasks so that the team's chance of failing a mission stays below a bound chosen by the operator.},
  abbr = {RA-L},
}

@article{novak2022decentralised,
  title = {Decentralised Multi-Robot Planning under Unreliable Communication},
  author = {Novak#, Hana and Osei, David and Marchetti, Elena},
  journal = {IEEE Transactions on Robotics},
  year = {2022},
  month = jun,
  volume = {38},
  number = {3},
  pages = {1650--1668},
  doi = {10.5555/labfolio-demo.novak2022decentralised},
  abstract = {Each robot plans against a model of what its teammates probably know, which keeps plans consistent when messages are lost.},
  abbr = {T-RO},
  selected = {true},
  code = {https://github.com/labfolio-demo/decentralised-planning},
}

@inproceedings{novak2023when,
  title = {Learning When to Communicate in Multi-Robot Teams},
  author = {Novak, Hana and Chen, Wei and Marchetti, Elena},
  booktitle = {IEEE International Conference on Robotics and Automation},
  year = {2023},
  month = may,
  pages = {4480--4486},
  doi = {10.5555/labfolio-demo.novak2023when},
  abstract = {A learned value of information decides which observations are worth sending, halving bandwidth on a team of six ground robots.},
  abbr = {ICRA},
  selected = {true},
}

@article{novak2024proposals,
  title = {Multi-Robot Task Planning with Language Model Proposals and Verified Allocation},
  author = {Novak, Hana and Chen, Wei and Marchetti, Elena},
  journal = {IEEE Robotics and Automation Letters},
  year = {2024},
  month = feb,
  volume = {9},
  number = {2},
  pages = {1120--1127},
  doi = {10.5555/labfolio-demo.novak2024proposals},
  abstract = {A language model proposes task decompositions and a verifier turns only the feasible ones into allocations for the team.},
  abbr = {RA-L},
}
""",
}

# Filled in after the import, as a member would from Google Scholar and GitHub.
CITATION_SOURCE = "Google Scholar"
CITATION_DATE = date(2025, 6, 1)
CITATIONS = {
    "marchetti2017keypoints": 214,
    "marchetti2017corrections": 167,
    "romano2018play": 402,
    "mehta2018regrasp": 95,
    "romano2019play": 688,
    "mehta2019skills": 241,
    "brenner2019affordances": 330,
    "dubois2020teleop": 276,
    "brenner2020correspondence": 198,
    "mehta2021resetfree": 154,
    "romano2021shape": 119,
    "nwosu2022critics": 87,
    "chen2023hierarchical": 143,
    "lindqvist2023lablogs": 61,
    "romano2023generalist": 102,
    "chen2024tokens": 38,
    "wierzba2018fingerskin": 356,
    "wierzba2020slip": 121,
    "wierzba2023skin": 44,
    "chen2020valueequivalent": 133,
    "chen2022thousand": 257,
    "szabo2021videogait": 189,
    "novak2022decentralised": 73,
    "nwosu2022recovery": 66,
}
STARS = {
    "romano2019play": 1240,
    "mehta2019skills": 312,
    "dubois2020teleop": 865,
    "mehta2021resetfree": 404,
    "brenner2022videopretraining": 158,
    "chen2023hierarchical": 1530,
    "feldkamp2023scenegraphs": 214,
    "lindqvist2023lablogs": 691,
    "feldkamp2024affordance": 377,
    "chen2024tokens": 920,
    "castillo2025telekit": 41,
    "nwosu2025simfree": 96,
    "feldkamp2025tabletop": 133,
    "wierzba2018fingerskin": 540,
    "ruiz2022grasp": 87,
    "wierzba2023skin": 265,
    "raghunathan2024contact": 72,
    "duarte2025distill": 25,
    "haddad2025shelfgrasp": 18,
    "chen2022thousand": 781,
    "chen2024search": 245,
    "chen2025openworld": 12,
    "nwosu2022recovery": 330,
    "szabo2021videogait": 610,
    "novak2022decentralised": 58,
}
FEATURED = ["romano2019play", "chen2023hierarchical", "lindqvist2023lablogs", "chen2024tokens"]
# Each member's selected publications, in the order their homepage lists them.
SELECTED = {
    "elena-marchetti": [
        "chen2023hierarchical",
        "romano2019play",
        "chen2024tokens",
        "nwosu2025simfree",
        "romano2023generalist",
    ],
    "tomasz-wierzba": [
        "wierzba2024tactilepolicies",
        "wierzba2023skin",
        "wierzba2021shear",
        "wierzba2018fingerskin",
    ],
    "yutong-chen": ["chen2024search", "chen2022thousand", "chen2025openworld"],
    "amara-nwosu": ["nwosu2024falling", "nwosu2022recovery", "nwosu2023filters"],
    "daniel-szabo": ["szabo2021videogait", "szabo2022keypoints", "szabo2023tro"],
    "hana-novak": ["novak2022decentralised", "novak2020search", "novak2023when"],
}

THEMES = [
    {
        "owner": "elena-marchetti",
        "title": "Generalisable manipulation",
        "description": (
            "Robots in homes and warehouses meet objects nobody showed them. We look for training recipes whose "
            "policies keep working on **new objects, new scenes and new robots**, and measure generalisation "
            "rather than success on the training set."
        ),
        "papers": ["romano2019play", "romano2023generalist"],
        "children": [
            {
                "title": "Learning from cheap data",
                "description": (
                    "Curated demonstrations are expensive. Undirected play, a phone used as a teleoperation "
                    "device and logs the fleet records anyway give *more* useful data per hour of human time."
                ),
                "papers": ["romano2018play", "dubois2020teleop", "romano2024scaling"],
            },
            {
                "title": "Following language instructions",
                "description": (
                    "Grounding instructions such as *the mug that is not chipped* in 3D scene representations, so "
                    "that vision-language models can drive real manipulation."
                ),
                "papers": ["feldkamp2023scenegraphs", "feldkamp2024affordance"],
            },
        ],
    },
    {
        "owner": "elena-marchetti",
        "title": "World models for planning",
        "description": (
            "Learned dynamics let a robot try plans in its head before trying them in the world. We work on "
            "models that stay accurate over long horizons and know when they are wrong."
        ),
        "papers": ["chen2023hierarchical"],
        "children": [
            {
                "title": "Long-horizon latent dynamics",
                "description": "Hierarchies of latent models, and search that avoids what the model is unsure of.",
                "papers": ["chen2023hierarchical", "chen2024search", "chen2025calibrated"],
            },
            {
                "title": "Transfer across robot bodies",
                "description": "One representation of actions and observations shared by arms, hands and legs.",
                "papers": ["chen2024tokens", "brenner2025egocentric"],
            },
        ],
    },
    {
        "owner": "elena-marchetti",
        "title": "Safe learning on real hardware",
        "description": (
            "Simulators miss what matters most on real robots. We let robots learn on hardware, with safety "
            "layers that hold **during** training and not only after it."
        ),
        "papers": ["nwosu2025simfree"],
        "children": [
            {
                "title": "Safe reinforcement learning for legged robots",
                "description": "Safety critics, recovery policies and filters that keep a quadruped upright.",
                "papers": ["nwosu2022recovery", "nwosu2023filters", "nwosu2024falling"],
            },
        ],
    },
    {
        "owner": "tomasz-wierzba",
        "title": "Tactile sensing",
        "description": "Cheap, durable skins and fingertips that survive months of daily use in the lab fleet.",
        "papers": ["wierzba2018fingerskin", "wierzba2023skin"],
        "children": [
            {
                "title": "Shear, slip and fast contact",
                "description": "Sensing more than pressure: shear from printed markers, slip from vibration.",
                "papers": ["wierzba2021shear", "wierzba2020slip", "wierzba2025eventtouch"],
            },
        ],
    },
    {
        "owner": "tomasz-wierzba",
        "title": "Sim-to-real transfer for contact",
        "description": "Simulating contact well enough that policies trained in simulation work on the real robot.",
        "papers": ["raghunathan2024contact", "raghunathan2025sysid"],
    },
    {
        "owner": None,
        "title": "Open datasets and tools",
        "description": (
            "Everything the lab collects on its robot fleet is released with the tools to use it. See the "
            "[datasets page](https://lab.example.org/datasets/)."
        ),
        "papers": ["lindqvist2023lablogs", "feldkamp2025tabletop", "castillo2025telekit"],
    },
    {
        "owner": None,
        "title": "Touch and dexterity",
        "description": "A joint effort of both groups of the lab: hands that feel what they hold.",
        "papers": ["wierzba2024tactilepolicies", "nwosu2025simfree"],
    },
]

ENTRY_KEY = re.compile(r"^@\w+\s*\{\s*([^,\s]+)\s*,", re.M)


def demo_bibtex_keys():
    """Every entry key in the demo bibliographies, in file order."""
    return [key for text in BIBLIOGRAPHIES.values() for key in ENTRY_KEY.findall(text)]


@transaction.atomic
def demo_publications_seed():
    """Import the demo lab's papers and create its research themes; return counts by kind.

    Each member's bibliography is imported as that member through
    ``publication_import``, so the import service does all matching, merging
    and co-author linking. What BibTeX cannot say (stars, citation counts,
    featured papers, the order of selected papers, themes) is set afterwards.
    Running it again changes nothing: every paper is then already known.
    """
    slugs = [person["slug"] for person in MEMBERS]
    members = {member.slug: member for member in Researcher.objects.filter(slug__in=slugs)}
    reports = [publication_import(text=text, member=members[slug]) for slug, text in BIBLIOGRAPHIES.items()]
    errors = [str(error) for report in reports for error in report.errors]
    if errors:
        raise ValueError(f"The demo bibliography has entries that could not be imported: {'; '.join(errors)}")

    papers = {paper.bibtex_key: paper for paper in Publication.objects.filter(bibtex_key__in=demo_bibtex_keys())}
    for paper in papers.values():
        paper.stars = STARS.get(paper.bibtex_key)
        paper.citation_count = CITATIONS.get(paper.bibtex_key)
        paper.citation_source = CITATION_SOURCE if paper.citation_count is not None else ""
        paper.citation_date = CITATION_DATE if paper.citation_count is not None else None
        paper.featured = paper.bibtex_key in FEATURED
    Publication.objects.bulk_update(
        papers.values(), ["stars", "citation_count", "citation_source", "citation_date", "featured"]
    )
    for slug, keys in SELECTED.items():
        for order, key in enumerate(keys, start=1):
            Authorship.objects.confirmed().of(members[slug]).filter(publication=papers[key], selected=True).update(
                selected_order=order
            )
    themes = [
        theme
        for order, spec in enumerate(THEMES)
        for theme in _save_theme(spec, members.get(spec["owner"]), None, order, papers)
    ]

    authorships = Authorship.objects.filter(publication__in=papers.values())
    return {
        "publications": len(papers),
        "new": sum(len(report.created) for report in reports),
        "merged": sum(len(report.merged) for report in reports),
        "unchanged": sum(len(report.unchanged) for report in reports),
        "confirmed": authorships.confirmed().count(),
        "suggestions": authorships.suggested().count(),
        "themes": len(themes),
    }


def _save_theme(spec, researcher, parent, order, papers):
    """Create or refresh one theme and its sub-themes, found by owner, parent and title; yield each."""
    theme, _ = ResearchTheme.objects.update_or_create(
        researcher=researcher,
        parent=parent,
        title=spec["title"],
        defaults={"description": spec["description"], "order": order},
    )
    theme.publications.set([papers[key] for key in spec["papers"]])
    yield theme
    for child_order, child in enumerate(spec.get("children", [])):
        yield from _save_theme(child, researcher, theme, child_order, papers)
