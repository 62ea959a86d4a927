/**
 * Name lists for finding person names without a cue word. Written by us from common knowledge of
 * naming in Singapore (Chinese romanised surnames and given-name syllables, Malay and Indian
 * personal names) and common Western and European names; not copied from any dataset. They are a
 * recall aid, not a census: a name with no listed part is found only with a cue ("Mr", "my name
 * is") or by the optional model recognizer.
 */
const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

/** Family names. */
export const SURNAMES = words(`
Tan Lim Lee Ng Ong Wong Goh Chua Chan Koh Teo Ang Yeo Tay Ho Low Toh Sim Chong Chia Seah Foo Leong Heng Kwek Quek Loh Lau Yap Tham Pang Phua Soh Sng Neo Khoo Lai Liew Liu Chen Zhang Wang Li Huang Zhou Wu Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Fu Kang Yang Zhao Chew Choo Chin Fong Hong Kok Kwan Lam Leow Mok Oh Poh Tee Tng Wee Yong Yip
bin binte bte Abdullah Ahmad Hassan Hussein Ibrahim Ismail Osman Rahman Rahim Salleh Yusof Yusoff Hamid Aziz Mohamed Mohammed Muhammad Jamal Bakar Karim Latif Razak Majid Kassim Zainal Sulaiman Rashid Harun
Kumar Raman Nair Menon Pillai Singh Kaur Sharma Gupta Patel Reddy Rao Iyer Krishnan Subramaniam Muthu Rajan Naidu Chandran Govindasamy Sivakumar Ramasamy Balakrishnan Mani Das Bose Shah Mehta Joshi Verma Khan Ali
Smith Jones Brown Taylor Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Miller Davis Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Anderson Thomas Moore Martin Lewis Clark Young Allen King Scott Hill Adams Baker Nelson Carter Mitchell Turner Phillips Campbell Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Bailey Reed Kelly Howard Cox Ward Richardson Watson Brooks Wood Gray James Bennett Hughes Price Sanders Myers Long Ross Foster
Müller Mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder Neumann Braun Zimmermann Krüger Hartmann Lange Werner Krause Lehmann
Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Mercier
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano Mancini Rizzo Lombardi Moretti
García González Rodríguez Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Álvarez Muñoz Romero Navarro Torres
Jansen Janssen Visser Smit Bakker Meijer Mulder Bos Vos Peters Hendriks Dekker Kowalski Nowak Wiśniewski Novak Horvat Nielsen Hansen Andersen Johansson Larsson Olsen Murray Byrne Ryan OBrien O'Brien Kennedy
`);

/** Given names and given-name syllables (Chinese given names are often two romanised syllables). */
export const GIVEN_NAMES = words(`
Ah Kow Beng Boon Cheng Chee Chin Choon Eng Guan Hock Hui Hwee Jia Jun Kah Kai Keng Kian Kiat Kim Kok Lay Leng Li Lian Ling Mei Meng Min Ming Peng Qi Qing Seng Shi Shu Siew Siok Soon Swee Tiong Wee Wei Wen Xiao Xin Xiu Yan Yi Ying Yong Yu Yue Zhi Zi Hao Hong Jie Jing Lin Ru Ting Xuan Yang
Muhammad Mohamed Mohammed Ahmad Ali Aisyah Aishah Amir Amirah Aziz Farah Faridah Farid Fatimah Hafiz Hakim Halimah Hamzah Hanis Haziq Irfan Ismail Izzat Khairul Mariam Maryam Nabil Nadia Nasir Noor Nor Nur Nurul Rahmah Rashid Rizal Rosnah Safiyah Salmah Sarah Shafiq Siti Syafiq Syahirah Yusof Zainab Zulkifli Aminah Faizal Hidayah Iskandar Kamal Latifah Norhayati Rohani Suhaimi Zaini Aqil Danial Haris
Aarav Anand Anil Anita Arjun Arun Deepa Deepak Devi Divya Ganesh Gopal Hari Indira Kavitha Krishna Lakshmi Latha Meena Mohan Nirmala Pooja Prakash Priya Rahul Raj Rajesh Rani Ravi Rekha Sanjay Saravanan Selvi Shanti Shankar Sita Sunita Suresh Tamil Uma Vijay Vikram Vani Kavya Karthik Nisha Anjali Ramesh Siva Murali Bala Geetha
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Paul Steven Andrew Kenneth Joshua Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Patrick Frank Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Peter Zachary Douglas Harold Kyle Noah Ethan Oliver Liam Lucas Leo Max Tom Tim Ben Sam Dan Joe Ken Jim Bob Ian Alan Simon Martin Luke Jake Harry Charlie Oscar Alfie Archie
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Jane Ella Chloe Mia Lily Zoe Ruby Lucy Sophie Jasmine Rose Claire
Hans Klaus Jürgen Stefan Wolfgang Uwe Dieter Sabine Ursula Monika Petra Anke Lukas Felix Jonas Leon Lena Lea Hannah Johanna Pierre Jean Jacques Philippe Michel Alain Nicolas François Isabelle Nathalie Sylvie Camille Chloé Manon Élodie Giuseppe Giovanni Marco Luca Francesco Alessandro Giulia Chiara Francesca Sofia Federica Carlos Javier Miguel Antonio Manuel Pablo Alejandro Lucía Carmen Isabel Elena Laia Pilar Sven Lars Erik Anders Ingrid Astrid Jan Pieter Sanne Femke Daan Bram Piotr Katarzyna Agnieszka Tomasz Seán Siobhán Niamh Ciarán Aoife
José Álvarez Hiroshi Yuki Kenji Haruto Sakura Minjun Jiwoo Seojun
`);

/** Capitalised words that start or sit in name-shaped runs but are places, days, organisations or sentence openers. */
export const NOT_NAME_WORDS = words(`
The A An This That These Those It Its We Our Ours You Your He She They Their My Me I Mine His Her Hers Us Them
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December
Singapore Malaysia Johor Bedok Tampines Jurong Woodlands Bishan Serangoon Hougang Punggol Sengkang Yishun Clementi Bukit Queenstown Geylang Kallang Novena Orchard Sembawang Holland Whampoa Redhill Dover Changi Seletar Lentor Lakeside Pioneer Outram Raffles Bugis Chinatown Sentosa London Paris Berlin Amsterdam Madrid Rome Dublin Sydney Tokyo New York East West North South Central Street Road Avenue Ave Drive Lane Block Blk
Ministry Health Education Manpower National Council Board Authority Agency Office Department Government Hospital Clinic Polyclinic Centre Center Service Services Bank University School College Institute Committee Housing Development Medishield Medisave Medifund CPF HDB MOH MOE IRAS ICA LTA NEA Singpass SingHealth Healthier SG Covid Omicron Grab Gojek Shopee Lazada Google Apple Microsoft Facebook Whatsapp WhatsApp Telegram
Thanks Thank Hello Hi Dear Please Sorry Yes No Ok Okay Good Great Also However But
Contact Call Ask Email Message Text Tell Meet Visit See Send Reach Speak Talk Write Phone Ring Cc Attn Attention From To Via And Or So If When Then After Before While Because Since Yesterday Today Tomorrow Last Next Every Each Some Many Most All Any Mr Mrs Ms Dr Mdm Prof Miss Sir Madam Team Staff Customer Patient Doctor Nurse Officer Manager Director Minister Member Parliament
English Chinese Malay Tamil Indian Eurasian Singaporean Singaporeans British American European Christmas Hari Raya Deepavali Lunar New Year Ramadan Puasa Vesak
`);

/** Words joining the parts of a name: "Siti binte Ahmad", "Ravi s/o Kumar", "Ludwig van Beethoven". */
export const NAME_CONNECTORS = words('bin binte bte bt s/o d/o a/l a/p van von der den de del della di da dos du le la al el');

/** Multi-word places whose words are also name parts ("Ang Mo Kio": Ang is a surname). */
export const PLACE_PHRASES: readonly string[] = [
  'Ang Mo Kio',
  'Boon Lay',
  'Choa Chu Kang',
  'Lim Chu Kang',
  'Tai Seng',
  'Toa Payoh',
  'Pasir Ris',
  'Bukit Batok',
  'Bukit Panjang',
  'Bukit Timah',
  'Bukit Merah',
  'Tanjong Pagar',
  'Paya Lebar',
  'Buona Vista',
  'Tiong Bahru',
  'Marine Parade',
  'Kim Keat',
  'Lorong Chuan',
  'Yio Chu Kang',
  'Tengah',
];
