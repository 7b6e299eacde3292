// Word lists the generator draws people and companies from.

export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra',
  'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie',
  'Ronald', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Kathleen',
  'Jacob', 'Amy', 'Gary', 'Angela', 'Nicholas', 'Shirley', 'Eric', 'Anna', 'Jonathan', 'Brenda',
  'Luis', 'Maria', 'Carlos', 'Sofia', 'Miguel', 'Lucia', 'Wei', 'Mei', 'Arjun', 'Priya',
  'Hiroshi', 'Yuki', 'Omar', 'Fatima', 'Liam', 'Chloe', 'Noah', 'Zoe', 'Mateo', 'Isabella',
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Fontenot', 'Boudreaux', 'Thibodeaux', 'Landry', "O'Brien", 'McCarthy', 'Kowalski', 'Novak', 'Schmidt', 'Müller',
  'Rossi', 'Ferrari', 'Dubois', 'Laurent', 'Kim', 'Park', 'Chen', 'Wang', 'Patel', 'Shah',
  'Tanaka', 'Sato', 'Haddad', 'Khan', 'Okafor', 'Mensah', 'Silva', 'Santos', 'Cohen', 'Levi',
];

export const COMPANIES: readonly string[] = [
  'Acme Logistics', 'Blue Ridge Dental', 'Cactus Creek Realty', 'Desert Sun Solar', 'Evergreen Insurance',
  'Falcon Freight', 'Granite State Bank', 'Harbor View Hotels', 'Ironwood Fitness', 'Juniper Health',
  'Keystone Auto Group', 'Lakeside Pediatrics', 'Mesa Verde Credit Union', 'Northwind Traders', 'Oak & Vine Catering',
  'Pinnacle Roofing', 'Quartz Analytics', 'Redwood Legal', 'Saguaro Pools', 'Tidewater Marine',
  'Union Street Bakery', 'Valley Orthopedics', 'Westgate Storage', 'Yellowstone Outfitters', 'Zenith Telecom',
];

export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'example.net', 'example.org', 'mail.example.com'];
